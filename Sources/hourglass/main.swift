import HourglassCLI

await HourglassCommand.main()
