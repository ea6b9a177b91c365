/// How quantities of an item are usually ordered.
enum QuantityStyle {
    /// Whole units in the range.
    case whole(ClosedRange<Int>)
    /// Lengths, volumes, weights: halves and quarters in the range.
    case measured(ClosedRange<Int>)
    /// Small weights with three decimals (`0.125`).
    case fine
    /// Hours in quarters.
    case hours(ClosedRange<Int>)
}

/// One product or service of the demo catalogue.
struct DemoItem {
    let number: String
    let name: String
    let unit: String
    let kind: String
    /// Purchase price in euro cents per unit.
    let priceCents: Int
    let quantity: QuantityStyle
    var colors: [String] = []
    var sizes: [String] = []
    var styles: [String] = []
    var configurations: [String] = []
    /// Kept on consignment by vendors (fasteners, consumables).
    var consignable = false

    var isProduct: Bool { kind == "product" }

    /// A random quantity in thousandths.
    func randomQuantity(_ rng: inout DemoRandom) -> Int {
        switch quantity {
        case .whole(let r): rng.int(r) * 1000
        case .measured(let r): rng.int(r) * 1000 + rng.pick([0, 0, 250, 500, 750])
        case .fine: rng.pick([125, 250, 500, 750, 1000, 1250, 1500, 2500])
        case .hours(let r): rng.int(r) * 1000 + rng.pick([0, 0, 0, 250, 500, 750])
        }
    }

    /// Price per unit in minor units of `currency` (EUR list price converted, with some spread).
    func price(in currency: String, rng: inout DemoRandom, markupPercent: Int = 0) -> Int {
        let spread = 92 + rng.below(17) // 92 ... 108 %
        let cents = priceCents * spread / 100 * (100 + markupPercent) / 100
        switch currency {
        case "USD": return max(1, cents * 108 / 100)
        case "JPY": return max(1, (cents * 162 / 100 + 5) / 10 * 10) // yen, whole; rounded to 10 yen
        default: return max(1, cents)
        }
    }
}

enum DemoCatalog {
    static let sizesGloves = ["7", "8", "9", "10", "11"]
    static let sizesClothes = ["S", "M", "L", "XL", "XXL"]
    static let sizesTrousers = ["46", "48", "50", "52", "54", "56"]
    static let sizesShoes = ["40", "41", "42", "43", "44", "45", "46"]

    static let items: [DemoItem] = {
        var list: [DemoItem] = []
        var p = 1001
        func product(_ name: String, _ unit: String, _ price: Int, _ q: QuantityStyle, consignable: Bool = false,
                     colors: [String] = [], sizes: [String] = [], styles: [String] = [], configurations: [String] = []) {
            list.append(DemoItem(number: "PRD-\(p)", name: name, unit: unit, kind: "product", priceCents: price, quantity: q,
                                 colors: colors, sizes: sizes, styles: styles, configurations: configurations, consignable: consignable))
            p += 1
        }
        product("Hex bolt M8×40, stainless A2 (box of 100)", "box", 1895, .whole(2...40), consignable: true)
        product("Hex nut M8, stainless A2 (box of 200)", "box", 1240, .whole(2...40), consignable: true)
        product("Washer M8 DIN 125, zinc plated (box of 500)", "box", 985, .whole(1...25), consignable: true)
        product("Nuts & bolts assortment, 1,200 pcs", "set", 4950, .whole(1...6))
        product("Wood screw 5×60 Torx (box of 200)", "box", 1375, .whole(2...50), consignable: true)
        product("Chemical anchor, 300 ml cartridge", "pcs", 1690, .whole(6...60))
        product("Pallet wrap film 23 µm, 500 mm × 1,500 m", "roll", 2150, .whole(6...72), consignable: true)
        product("Corrugated box 600×400×400 mm, double wall", "pcs", 245, .whole(50...1200), consignable: true)
        product("Packing tape PP 50 mm × 66 m, brown", "roll", 189, .whole(36...360), consignable: true)
        product("Euro pallet 1200×800, new", "pcs", 1450, .whole(10...200))
        product("Bubble wrap 1,000 mm × 100 m", "roll", 3875, .whole(2...20))
        product("Edge protector 35×35×1000 mm", "pcs", 38, .whole(100...2000))
        product("Safety gloves nitrile", "pair", 145, .whole(24...480), consignable: true, colors: ["Blue", "Black"], sizes: sizesGloves)
        product("Hi-vis vest EN ISO 20471", "pcs", 695, .whole(10...100), colors: ["Yellow", "Orange"], sizes: sizesClothes,
                styles: ["Class 2", "Class 3, with zip"])
        product("Work trousers, stretch", "pcs", 5490, .whole(4...40), colors: ["Navy", "Grey", "Black"], sizes: sizesTrousers,
                styles: ["Regular fit", "Slim fit"])
        product("Safety shoes S3", "pair", 8995, .whole(2...30), sizes: sizesShoes, styles: ["Low", "High"])
        product("Safety helmet EN 397, white", "pcs", 1295, .whole(5...50))
        product("Ear plugs, dispenser refill (500 pairs)", "box", 6250, .whole(1...10), consignable: true)
        product("Hydraulic hose 1/2\" 2SN", "m", 1125, .measured(5...120))
        product("Hydraulic oil HLP 46", "l", 395, .measured(20...1000))
        product("Deep groove ball bearing 6205-2RS", "pcs", 675, .whole(4...100), consignable: true)
        product("V-belt SPZ 1250", "pcs", 1480, .whole(2...40))
        product("Copper pipe 15 mm, 5 m length", "pcs", 2375, .whole(5...80))
        product("PVC pipe 110 mm SN4, 5 m", "pcs", 2890, .whole(5...60))
        product("Installation cable YMvK 3×2.5 mm²", "m", 185, .measured(50...1500))
        product("LED panel 600×600, 36 W", "pcs", 3450, .whole(6...120), configurations: ["3000 K", "4000 K", "6500 K"])
        product("LED tube T8 150 cm, 24 W", "pcs", 895, .whole(10...200))
        product("Cable tie 4.8×300 mm, black (100 pcs)", "bag", 425, .whole(5...100), consignable: true)
        product("Stainless steel sheet 2 mm, 1000×2000", "pcs", 18_900, .whole(2...30))
        product("Steel tube 40×40×3 S235, 6 m", "pcs", 3120, .whole(5...80))
        product("Aluminium profile 40×40, slot 8", "m", 1290, .measured(6...240))
        product("Welding wire SG2 1.0 mm, 15 kg spool", "pcs", 4380, .whole(2...24))
        product("Cutting disc 125×1.0 mm, inox", "pcs", 135, .whole(25...500), consignable: true)
        product("Grinding disc 125 mm, K40", "pcs", 210, .whole(25...400), consignable: true)
        product("Cordless drill 18 V with 2 batteries", "pcs", 24_900, .whole(1...12))
        product("Industrial tablet 10\"", "pcs", 89_900, .whole(1...20), configurations: ["8 GB / 128 GB", "16 GB / 256 GB, LTE"])
        product("Barcode scanner 2D, wireless", "pcs", 27_900, .whole(1...25), configurations: ["Standard range", "Extended range"])
        product("Thermal labels 102×150 mm (roll of 500)", "roll", 1195, .whole(10...200), consignable: true)
        product("Copy paper A4 80 g/m² (box of 5 reams)", "box", 2495, .whole(5...80))
        product("Toner cartridge, black, high yield", "pcs", 11_950, .whole(1...12))
        product("Cleaning concentrate, 10 l", "can", 2850, .whole(2...30))
        product("Absorbent granules, 20 kg", "bag", 1590, .whole(5...60))
        product("Paper towel, 2-ply (6 rolls)", "pack", 2290, .whole(5...60))
        product("Lubricant spray, 400 ml", "pcs", 785, .whole(12...120), consignable: true)
        product("Silicone sealant, transparent, 310 ml", "pcs", 655, .whole(12...144))
        product("Pallet racking beam 2700 mm", "pcs", 4650, .whole(4...60))
        product("Plastic storage bin 600×400×220", "pcs", 1395, .whole(10...200), colors: ["Blue", "Grey", "Red"])
        product("De-icing salt, bulk", "kg", 28, .measured(500...12_000))
        product("Silver brazing alloy 40 % Ag", "kg", 98_000, .fine)
        product("AdBlue, 1,000 l IBC", "pcs", 42_000, .whole(1...4))
        product("Compressed-air filter element", "pcs", 5690, .whole(1...10))

        var s = 2001
        func service(_ name: String, _ unit: String, _ price: Int, _ q: QuantityStyle) {
            list.append(DemoItem(number: "SRV-\(s)", name: name, unit: unit, kind: "service", priceCents: price, quantity: q))
            s += 1
        }
        service("Installation labour", "hr", 6850, .hours(2...40))
        service("Forklift maintenance, scheduled", "hr", 8200, .hours(1...12))
        service("Freight Rotterdam – Venlo, full truck", "trip", 64_500, .whole(1...6))
        service("Freight, groupage per pallet place", "pallet", 4950, .whole(1...26))
        service("Consultancy, process improvement", "day", 98_000, .whole(1...10))
        service("Calibration of measuring equipment", "pcs", 7450, .whole(1...20))
        service("Software subscription, scanner licence", "month", 1250, .whole(1...12))
        service("Warehouse storage, per pallet per week", "pallet-week", 395, .whole(20...600))
        service("Cleaning service, office and canteen", "month", 185_000, .whole(1...3))
        service("Waste collection, 6 m³ container", "pcs", 27_500, .whole(1...8))
        service("Electrical inspection (NEN 3140)", "hr", 9250, .hours(4...32))
        service("Security guard service", "hr", 3450, .hours(8...120))
        service("Training: forklift certification", "person", 42_500, .whole(1...8))
        service("IT support, remote", "hr", 8900, .hours(1...16))
        service("Expedited delivery surcharge", "pcs", 3500, .whole(1...3))
        return list
    }()

    static let products: [Int] = items.indices.filter { items[$0].isProduct }
    static let services: [Int] = items.indices.filter { !items[$0].isProduct }
    static let consignable: [Int] = items.indices.filter { items[$0].consignable }
    /// Services the company also sells to its customers.
    static let resaleServices: [Int] = services.filter { ["SRV-2001", "SRV-2004", "SRV-2008", "SRV-2013"].contains(items[$0].number) }

    struct Terms {
        let code: String
        let description: String
        let netDays: Int
        let discountDays: Int?
        /// The discount percent as the export's decimal text, and in basis points.
        let discountPercent: String?
        let discountBasisPoints: Int
    }

    static let terms: [Terms] = [
        Terms(code: "NET14", description: "Net 14 days", netDays: 14, discountDays: nil, discountPercent: nil, discountBasisPoints: 0),
        Terms(code: "NET30", description: "Net 30 days", netDays: 30, discountDays: nil, discountPercent: nil, discountBasisPoints: 0),
        Terms(code: "NET60", description: "Net 60 days", netDays: 60, discountDays: nil, discountPercent: nil, discountBasisPoints: 0),
        Terms(code: "2/10 NET30", description: "2 % discount within 10 days, net 30 days", netDays: 30, discountDays: 10,
              discountPercent: "2", discountBasisPoints: 200),
        Terms(code: "1.5/14 NET45", description: "1.5 % discount within 14 days, net 45 days", netDays: 45, discountDays: 14,
              discountPercent: "1.5", discountBasisPoints: 150),
        Terms(code: "DUE", description: "Payable on receipt", netDays: 0, discountDays: nil, discountPercent: nil, discountBasisPoints: 0),
    ]
    static func terms(_ code: String) -> Terms { terms.first { $0.code == code }! }

    /// Sites and warehouses of Noordzee Handelsgroep.
    static let warehouses: [(site: String, warehouse: String, address: String)] = [
        ("RTD", "RTD-DC1", "Noordzee Handelsgroep B.V., DC Rotterdam, Waalhaven Z.z. 44, 3089 JH Rotterdam"),
        ("RTD", "RTD-DC2", "Noordzee Handelsgroep B.V., DC Rotterdam, Waalhaven Z.z. 46, 3089 JH Rotterdam"),
        ("VNL", "VNL-W1", "Noordzee Handelsgroep B.V., Venlo, Celsiusweg 12, 5928 PR Venlo"),
        ("TLB", "TLB-W1", "Noordzee Handelsgroep B.V., Tilburg, Kraaivenstraat 23, 5048 AB Tilburg"),
    ]
}
