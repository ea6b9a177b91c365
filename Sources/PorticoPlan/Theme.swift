import Foundation

/// The company's colour, from the configuration, applied to the stylesheet: the header's background, the tiles'
/// edges and the chart's bars. The header's text is white or dark ink, whichever reaches 4.5:1 on it.
public struct Theme: Sendable, Equatable {
    public static let defaultBrand = "#1f4e79"
    /// The header's text colours to choose from, in order of preference (white or black always reaches 4.58:1).
    static let inks = ["#ffffff", "#1d2430", "#000000"]

    public let brand: RGB
    public let brandInk: RGB

    /// Nil when `brand` is not `#rrggbb`, or when neither ink reaches 4.5:1 on it (cannot happen for a valid colour,
    /// since white or near-black always reaches it; kept for safety).
    public init?(brand: String) {
        guard let rgb = RGB(hex: brand) else { return nil }
        guard let ink = Self.inks.compactMap(RGB.init(hex:)).first(where: { $0.contrast(with: rgb) >= 4.5 }) else { return nil }
        self.brand = rgb
        self.brandInk = ink
    }

    /// Appended to `app.css`: custom properties override the stylesheet's defaults.
    public var css: String {
        "\n/* The company's colours (configuration: company.brand_color). */\n:root { --brand: \(brand.hex); --brand-ink: \(brandInk.hex); }\n"
    }
}

/// A colour of the stylesheet, `#rrggbb`.
public struct RGB: Sendable, Equatable {
    public let r: UInt8, g: UInt8, b: UInt8

    public init?(hex: String) {
        let bytes = Array(hex.utf8)
        guard bytes.count == 7, bytes[0] == UInt8(ascii: "#") else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var v: [UInt8] = []
        for i in stride(from: 1, to: 7, by: 2) {
            guard let hi = nibble(bytes[i]), let lo = nibble(bytes[i + 1]) else { return nil }
            v.append(hi << 4 | lo)
        }
        (r, g, b) = (v[0], v[1], v[2])
    }

    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + String([r, g, b].flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    /// WCAG 2 relative luminance.
    public var luminance: Double {
        func channel(_ c: UInt8) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    public func contrast(with other: RGB) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
