import GRDB
import PorticoModel

/// Purchase orders and consignment, as the export holds them. Draft orders are never read.

public struct PurchaseOrderRecord: Sendable, Equatable {
    public let number: String
    public let vendorAccount: String
    public let orderDate: Day
    public let currency: Currency
    public let status: PurchaseOrderStatus
    public let currentVersion: Int64
    public let isConsignment: Bool
    public let buyerName: String?
    public let deliveryAddress: String?

    init(row: RowReader) {
        number = row.text("number")
        vendorAccount = row.text("vendor_account")
        orderDate = row.day("order_date")
        currency = row.currency("currency")
        status = row.enumeration("status")
        currentVersion = row.int("current_version")
        isConsignment = row.bool("is_consignment")
        buyerName = row.optionalText("buyer_name")
        deliveryAddress = row.optionalText("delivery_address")
    }
}

public struct POVersionRecord: Sendable, Equatable {
    public let poNumber: String
    public let version: Int64
    public let sentAt: Timestamp

    init(row: RowReader) {
        poNumber = row.text("po_number")
        version = row.int("version")
        sentAt = row.timestamp("sent_at")
    }
}

public struct POLineRecord: Sendable, Equatable {
    public let poNumber: String
    public let version: Int64
    public let lineNo: Int64
    public let itemNumber: String?
    public let itemName: String?
    public let description: String?
    public let quantity: Quantity
    public let unit: String
    public let unitPriceMinor: Int64
    public let lineAmountMinor: Int64
    public let deliveryDate: Day?
    public let site: String?
    public let warehouse: String?
    public let color: String?
    public let size: String?
    public let style: String?
    public let configuration: String?
    public let receivedQuantity: Quantity

    init(row: RowReader) {
        poNumber = row.text("po_number")
        version = row.int("version")
        lineNo = row.int("line_no")
        itemNumber = row.optionalText("item_number")
        itemName = row.optionalText("item_name")
        description = row.optionalText("description")
        quantity = row.quantity("quantity")
        unit = row.text("unit")
        unitPriceMinor = row.int("unit_price_minor")
        lineAmountMinor = row.int("line_amount_minor")
        deliveryDate = row.optionalDay("delivery_date")
        site = row.optionalText("site")
        warehouse = row.optionalText("warehouse")
        color = row.optionalText("color")
        size = row.optionalText("size")
        style = row.optionalText("style")
        configuration = row.optionalText("configuration")
        receivedQuantity = row.optionalQuantity("received_quantity") ?? .zero
    }
}

public struct POResponseRecord: Sendable, Equatable {
    public let poNumber: String
    public let version: Int64
    public let respondedAt: Timestamp
    public let response: POResponseKind
    public let responder: String?

    init(row: RowReader) {
        poNumber = row.text("po_number")
        version = row.int("version")
        respondedAt = row.timestamp("responded_at")
        response = row.enumeration("response")
        responder = row.optionalText("responder")
    }
}

public struct POLineResponseRecord: Sendable, Equatable {
    public let poNumber: String
    public let version: Int64
    public let lineNo: Int64
    public let splitSeq: Int64
    public let decision: LineDecision
    public let confirmedQuantity: Quantity?
    public let confirmedDeliveryDate: Day?
    public let substituteExternalItem: String?
    public let substituteDescription: String?

    init(row: RowReader) {
        poNumber = row.text("po_number")
        version = row.int("version")
        lineNo = row.int("line_no")
        splitSeq = row.optionalInt("split_seq") ?? 1
        decision = row.enumeration("decision")
        confirmedQuantity = row.optionalQuantity("confirmed_quantity")
        confirmedDeliveryDate = row.optionalDay("confirmed_delivery_date")
        substituteExternalItem = row.optionalText("substitute_external_item")
        substituteDescription = row.optionalText("substitute_description")
    }
}

public struct ConsignmentOnHandRecord: Sendable, Equatable {
    public let itemNumber: String
    public let itemName: String?
    public let site: String?
    public let warehouse: String?
    public let batch: String?
    public let quantity: Quantity
    public let unit: String
    public let asOf: Day

    init(row: RowReader) {
        itemNumber = row.text("item_number")
        itemName = row.optionalText("item_name")
        site = row.optionalText("site")
        warehouse = row.optionalText("warehouse")
        batch = row.optionalText("batch")
        quantity = row.quantity("quantity")
        unit = row.text("unit")
        asOf = row.day("as_of")
    }
}

public struct ConsignmentReceiptRecord: Sendable, Equatable {
    public let id: Int64
    public let itemNumber: String
    public let itemName: String?
    public let quantity: Quantity
    public let unit: String
    public let receivedAt: Timestamp
    public let site: String?
    public let warehouse: String?
    /// The consuming order; nil when it is a draft or absent.
    public let poNumber: String?

    init(row: RowReader) {
        id = row.int("id")
        itemNumber = row.text("item_number")
        itemName = row.optionalText("item_name")
        quantity = row.quantity("quantity")
        unit = row.text("unit")
        receivedAt = row.timestamp("received_at")
        site = row.optionalText("site")
        warehouse = row.optionalText("warehouse")
        poNumber = row.optionalText("visible_po_number")
    }
}
