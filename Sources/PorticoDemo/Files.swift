/// Small but real files for the `attachment` table, generated in code.
enum DemoFiles {
    /// A one-page PDF 1.4 with the given text lines in Helvetica, with a correct cross-reference table.
    static func pdf(title: String, lines: [String]) -> [UInt8] {
        func escaped(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "(", ")", "\\": out += "\\" + String(scalar)
                case " "..."~": out.unicodeScalars.append(scalar)
                default: out += "?" // the standard 14 fonts speak WinAnsi; keep the stream ASCII
                }
            }
            return out
        }
        var content = "BT\n/F1 16 Tf\n56 780 Td\n(\(escaped(title))) Tj\n/F1 11 Tf\n0 -28 Td\n14 TL\n"
        for line in lines { content += "(\(escaped(line))) Tj T*\n" }
        content += "ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Title (\(escaped(title))) /Producer (Portico demo) >>",
        ]
        var out: [UInt8] = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += Fmt.pad(offset, 10) + " 00000 n \n" }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 6 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return out
    }

    /// A small RGB PNG (8-bit, no interlace) drawn from `pixel(x, y)`, zlib-wrapped in stored deflate blocks.
    static func png(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + width * 3))
        for y in 0..<height {
            raw.append(0) // filter: none
            for x in 0..<width {
                let (r, g, b) = pixel(x, y)
                raw += [r, g, b]
            }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let length = min(65_535, raw.count - start)
            let final = start + length == raw.count
            zlib.append(final ? 1 : 0)
            zlib += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            zlib += raw[start..<(start + length)]
            start += length
        } while start < raw.count
        zlib += bigEndian(adler32(raw))

        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: [UInt8]) {
            let typeBytes = Array(type.utf8)
            out += bigEndian(UInt32(data.count))
            out += typeBytes
            out += data
            out += bigEndian(crc32(typeBytes + data))
        }
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        chunk("IDAT", zlib)
        chunk("IEND", [])
        return out
    }

    /// A 16 x 16 badge: a coloured square with a light diagonal band, the colour chosen by `variant`.
    static func badgePNG(variant: Int) -> [UInt8] {
        let palette: [(UInt8, UInt8, UInt8)] = [(0x1F, 0x5F, 0x8B), (0x2E, 0x8B, 0x57), (0xC0, 0x5A, 0x1A), (0x6A, 0x3D, 0x9A)]
        let base = palette[variant % palette.count]
        return png(width: 16, height: 16) { x, y in
            if x == 0 || y == 0 || x == 15 || y == 15 { return (0x33, 0x33, 0x33) }
            if abs(x - y) <= 1 { return (0xF4, 0xF1, 0xE8) }
            return base
        }
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return (b << 16) | a
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
