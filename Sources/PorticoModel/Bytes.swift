/// Byte searches shared by the stages that look for text in bytes (the leak guard, the store's note filter, the
/// receiver's form and request parsing).
extension ArraySlice where Element == UInt8 {
    /// Where `needle` first occurs in these bytes (indices of the underlying array), or nil; an empty needle never does.
    public func byteRange(of needle: [UInt8]) -> Range<Int>? {
        guard let first = needle.first, needle.count <= count else { return nil }
        for i in startIndex...(endIndex - needle.count) where self[i] == first {
            if self[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes (an empty needle never does).
    public func contains(bytes needle: [UInt8]) -> Bool { self[...].byteRange(of: needle) != nil }

    /// Where `needle` first occurs, or nil.
    public func byteRange(of needle: [UInt8]) -> Range<Int>? { self[...].byteRange(of: needle) }
}
