import Foundation
import GRDB
import PorticoModel

/// A person who signs in to a party's portal.
struct PartyUser {
    let login: String
    let displayName: String
    let email: String
    let active: Bool
}

/// Party names, e-mail domains and users.
extension Generation {
    static func capitalizedFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    static func person(dutch: Bool, rng: inout DemoRandom) -> (first: String, last: String) {
        dutch ? (rng.pick(Words.dutchFirstNames), rng.pick(Words.dutchLastNames))
            : (rng.pick(Words.englishFirstNames), rng.pick(Words.englishLastNames))
    }

    /// An e-mail domain from a company name, without its legal form.
    static func domain(for name: String, dutch: Bool) -> String {
        var base = name
        for form in [" B.V.", " V.O.F.", ", Inc.", " Inc.", " LLC", " Co.", ", Ltd.", " (", ")"] {
            base = base.replacingOccurrences(of: form, with: form.hasPrefix(" (") ? " " : "")
        }
        return Fmt.slug(base) + (dutch ? ".nl" : ".com")
    }

    static func vendorName(dutch: Bool, rng: inout DemoRandom) -> String {
        if dutch {
            let last = capitalizedFirst(rng.pick(Words.dutchLastNames))
            let trade = rng.pick(Words.dutchVendorTrades)
            switch rng.below(6) {
            case 0, 1: return "\(last) \(trade) B.V."
            case 2: return "\(rng.pick(Words.dutchCities)) \(trade) B.V."
            case 3: return "Gebr. \(last) \(trade)"
            case 4: return "\(last) & Zn. \(trade)"
            default: return "\(last) \(trade) V.O.F."
            }
        }
        let last = rng.pick(Words.englishLastNames)
        let trade = rng.pick(Words.englishVendorTrades)
        switch rng.below(5) {
        case 0, 1: return "\(last) \(trade) Inc."
        case 2: return "\(rng.pick(Words.usPlaces)) \(trade) LLC"
        case 3: return "\(last) & \(rng.pick(Words.englishLastNames)) \(trade) Co."
        default: return "\(rng.pick(Words.usPlaces)) \(trade), Inc."
        }
    }

    static func customerName(dutch: Bool, rng: inout DemoRandom) -> String {
        if dutch {
            let last = capitalizedFirst(rng.pick(Words.dutchLastNames))
            let trade = rng.pick(Words.dutchCustomerTrades)
            switch rng.below(5) {
            case 0, 1: return "\(trade) \(last) B.V."
            case 2: return "\(trade) \(last)"
            case 3: return "\(last) \(rng.pick(Words.dutchCities)) B.V."
            default: return "\(trade) \(rng.pick(Words.dutchCities)) V.O.F."
            }
        }
        let last = rng.pick(Words.englishLastNames)
        let trade = rng.pick(Words.englishCustomerTrades)
        switch rng.below(4) {
        case 0, 1: return "\(last) \(trade) Inc."
        case 2: return "\(rng.pick(Words.usPlaces)) \(trade) LLC"
        default: return "\(last) & Sons \(trade)"
        }
    }

    /// `count` users of one party; logins start with the account so they are unique across parties.
    static func users(account: String, domain: String, dutch: Bool, count: Int, inactive: Set<Int>, rng: inout DemoRandom) -> [PartyUser] {
        var result: [PartyUser] = []
        var taken: [String] = []
        while result.count < count {
            let (first, last) = person(dutch: dutch, rng: &rng)
            let key = Fmt.slug(first) + "." + Fmt.slug(last).replacingOccurrences(of: "-", with: "")
            if taken.contains(key) { continue }
            taken.append(key)
            result.append(PartyUser(login: account.lowercased() + "." + key, displayName: "\(first) \(last)",
                                    email: key + "@" + domain, active: !inactive.contains(result.count)))
        }
        return result
    }

    func writeUsers(_ users: [PartyUser], kind: PartyKind, account: String, rng: inout DemoRandom) throws {
        for user in users {
            try w.portalUser.insert([user.login, user.displayName, user.email, kind.rawValue, account,
                                     rng.pick(Self.passwordHashes), user.active ? 1 : 0])
        }
    }

    /// Up to three capital letters of a name, for the vendor's own item numbers.
    static func initials(_ name: String) -> String {
        var out = ""
        for word in name.split(separator: " ") {
            guard let c = word.unicodeScalars.first, ("A"..."Z").contains(c) else { continue }
            out.unicodeScalars.append(c)
            if out.count == 3 { break }
        }
        return out.isEmpty ? "X" : out
    }
}
