/// Word lists for realistic Dutch and English parties and people.
enum Words {
    static let dutchFirstNames = [
        "Anna", "Sanne", "Lotte", "Emma", "Daan", "Bram", "Sem", "Lucas", "Femke", "Joris", "Pieter", "Marieke",
        "Thijs", "Noor", "Ruben", "Eva", "Jeroen", "Sophie", "Koen", "Iris", "Maarten", "Lisa", "Willem", "Fleur",
        "Gerrit", "Hanneke", "Wouter", "Ilse", "Jasper", "Merel", "Sjoerd", "Anouk", "Niels", "Esther", "Rik", "Floor",
    ]
    static let dutchLastNames = [
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
        "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
        "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden", "Schouten",
        "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam",
        "van der Wal", "Prins", "Blom", "Huisman", "de Jonge", "Kuipers", "van Veen", "Post", "Kuiper", "Veenstra",
        "Kramer", "van den Brink", "Scholten", "van Wijk", "Postma", "Martens", "Vink", "de Ridder", "Jonker",
        "Timmermans", "Groen", "Bosman", "Evers", "Wolters", "Haverkamp", "Zwart", "Leenders", "Nijhuis", "Roelofs",
    ]
    static let englishFirstNames = [
        "James", "Emily", "Michael", "Sarah", "David", "Jessica", "Robert", "Ashley", "John", "Jennifer", "Daniel",
        "Megan", "Matthew", "Laura", "Chris", "Rachel", "Kevin", "Amanda", "Brian", "Nicole", "Jason", "Heather",
        "Ryan", "Melissa", "Eric", "Rebecca", "Steven", "Kimberly",
    ]
    static let englishLastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
        "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
        "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell",
        "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris",
        "Murphy", "Cook", "Rogers", "O'Brien", "Reed", "Bailey", "Cooper", "Hughes", "Foster", "Sullivan", "Bennett",
    ]
    static let dutchCities = [
        "Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda", "Nijmegen",
        "Apeldoorn", "Haarlem", "Arnhem", "Enschede", "Amersfoort", "Zwolle", "'s-Hertogenbosch", "Leeuwarden",
        "Maastricht", "Delft", "Venlo", "Alkmaar", "Leiden", "Dordrecht", "Zaandam", "Deventer", "Helmond", "Emmen",
        "Hoorn", "Roermond", "Gouda", "Oss", "Middelburg", "Assen", "Harderwijk", "Veenendaal", "Schiedam",
    ]
    static let usPlaces = [
        "Great Lakes", "Blue Ridge", "Pacific", "Lone Star", "Bay Area", "Midwest", "Atlantic", "Cascade",
        "Granite State", "Sierra", "Keystone", "Gulf Coast", "Ozark", "Rocky Mountain", "Hudson Valley", "Prairie",
        "Chesapeake", "Twin Cities", "Golden Gate", "Sunbelt",
    ]
    static let dutchVendorTrades = [
        "Metaaltechniek", "Verpakkingen", "Installatietechniek", "Logistiek", "Hydrauliek", "Elektrotechniek",
        "Bevestigingsmiddelen", "Kunststoffen", "Transport", "Schoonmaakdiensten", "Gereedschappen", "Houthandel",
        "Papierwaren", "Kantoorinrichting", "Koeltechniek", "Bedrijfskleding", "Pallethandel", "Machinebouw",
        "Lasservice", "ICT Diensten", "Verlichting", "Aandrijftechniek", "Kabel & Leiding", "Veiligheidsmiddelen",
    ]
    static let englishVendorTrades = [
        "Industrial Supply", "Fasteners", "Packaging", "Logistics", "Hydraulics", "Electric", "Tooling", "Plastics",
        "Safety Products", "Bearings", "Lighting", "Chemicals", "Software", "Freight", "Motion Control", "Sensors",
        "Abrasives", "Workwear",
    ]
    static let dutchCustomerTrades = [
        "Bouwbedrijf", "Aannemersbedrijf", "Installatiebedrijf", "Tuincentrum", "Groothandel", "Bouwmarkt",
        "Schildersbedrijf", "Dakdekkersbedrijf", "Timmerfabriek", "Garage", "Loodgietersbedrijf", "Hoveniersbedrijf",
        "Technische Dienst", "Facilitair Bedrijf", "Woningstichting",
    ]
    static let englishCustomerTrades = [
        "Construction", "Hardware", "Facility Services", "Builders Supply", "Maintenance", "Contractors",
        "Property Management", "Landscaping", "Plumbing & Heating", "Electrical Services", "Fleet Services",
    ]
    /// Buyers and accounts-payable clerks of Noordzee Handelsgroep.
    static let staff = [
        "Sanne de Boer", "Pieter Smit", "Marloes Verbeek", "Hans Oosterhuis", "Emily Carter", "Ravi Sharma",
        "Karin Wolters", "Dirk Haverkamp",
    ]
}

/// Keeps party names unique (a name is never reused by another party).
struct NameBook {
    private var used = Set<String>()

    /// The first candidate not used yet; falls back to a city suffix and then a counter.
    mutating func claim(_ make: (inout DemoRandom) -> String, suffixes: [String], rng: inout DemoRandom) -> String {
        for _ in 0..<12 {
            let candidate = make(&rng)
            if used.insert(candidate).inserted { return candidate }
        }
        let base = make(&rng)
        for suffix in suffixes {
            let candidate = "\(base) (\(suffix))"
            if used.insert(candidate).inserted { return candidate }
        }
        var n = 2
        while true {
            let candidate = "\(base) \(n)"
            if used.insert(candidate).inserted { return candidate }
            n += 1
        }
    }
}
