/// Byte searches shared by the stages that look for text in bytes (the leak guard, the store's note filter).
extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes (an empty needle never does).
    public func contains(bytes needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= count else { return false }
        for i in 0...(count - needle.count) where self[i] == first {
            if self[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
