import HourglassCLI

HourglassCommand.main()
