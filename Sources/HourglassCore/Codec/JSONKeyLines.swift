/// The line on which each object key of a JSON text stands, by dotted key path.
///
/// `JSONValue` keeps no positions once parsed, so an error about a configuration key would name
/// the key but not the line. This second, tolerant pass over the same bytes finds it: keys of
/// nested objects join with `.` (`limits.max_positions`), as `EngineConfigError` names them, and
/// objects inside arrays keep the array's path. It never throws: text the parser refused has
/// already been reported with its own line and column.
public enum JSONKeyLines {
    /// Every key path with its 1-based line, in the order the keys appear.
    public static func lines(in bytes: [UInt8]) -> [(path: String, line: Int)] {
        var found: [(path: String, line: Int)] = []
        // One frame per open container: its path, whether it is an object, and whether the next
        // string in it is a key.
        var frames: [(path: String, isObject: Bool, expectingKey: Bool)] = []
        var lastKey: String? = nil
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let parent = frames.last?.path ?? ""
                let path = lastKey.map { parent.isEmpty ? $0 : parent + "." + $0 } ?? parent
                frames.append((path, byte == UInt8(ascii: "{"), byte == UInt8(ascii: "{")))
                lastKey = nil
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !frames.isEmpty { frames.removeLast() }
                lastKey = nil
            case UInt8(ascii: ","):
                if let last = frames.indices.last, frames[last].isObject { frames[last].expectingKey = true }
                lastKey = nil
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { line += 1 }
                    index += 1
                }
                if let last = frames.indices.last, frames[last].isObject, frames[last].expectingKey {
                    let key = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
                    let parent = frames[last].path
                    found.append((parent.isEmpty ? key : parent + "." + key, line))
                    frames[last].expectingKey = false
                    lastKey = key
                } else {
                    lastKey = nil
                }
            default:
                break
            }
            index += 1
        }
        return found
    }

    /// The line of `path`, or of its longest enclosing key when `path` itself is not in the text
    /// (a missing key is reported on the object that should hold it); nil when nothing matches.
    public static func line(of path: String, in bytes: [UInt8]) -> Int? {
        let all = lines(in: bytes)
        // `pairs[0]` is reported on `pairs`: array elements have no key of their own.
        var candidate = path
        while true {
            if let hit = all.first(where: { $0.path == candidate }) { return hit.line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = String(candidate[..<cut])
        }
    }
}
