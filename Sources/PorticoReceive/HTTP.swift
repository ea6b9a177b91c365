import Foundation
import PorticoModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.x request as nginx forwards it (the body already buffered, with a Content-Length).
public struct HTTPRequest: Sendable {
    public let method: String
    public let target: String
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: [UInt8]

    public init(method: String, target: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    static let singular: Set<String> = ["x-portico-user", "x-portico-portal", "content-type", "content-length", "transfer-encoding"]

    /// The request line and headers (without the blank line), or nil when malformed.
    static func parseHead(_ bytes: ArraySlice<UInt8>) -> (method: String, target: String, headers: [String: String])? {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else { return nil }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            let kv = line.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { return nil }
            let name = kv[0].lowercased()
            guard !name.contains(" ") else { return nil }
            // The headers this server relies on must come once (nginx sets them); others keep their first value.
            if headers[name] != nil {
                if Self.singular.contains(name) { return nil }
                continue
            }
            headers[name] = kv[1].trimmingCharacters(in: .whitespaces)
        }
        return (String(requestLine[0]), String(requestLine[1]), headers)
    }
}

public struct HTTPResponse: Sendable {
    public let status: Int
    public let body: [UInt8]
    public var contentType = "text/html; charset=utf-8"

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    var bytes: [UInt8] {
        let reason = [200: "OK", 400: "Bad Request", 403: "Forbidden", 405: "Method Not Allowed", 413: "Content Too Large",
                      422: "Unprocessable Content", 500: "Internal Server Error", 503: "Service Unavailable"][status] ?? "Status"
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
            + "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + body
    }
}

/// A small, sequential HTTP server on a loopback address, for `portico receive` behind nginx.
public final class HTTPServer {
    let address: String
    let maxBody: Int
    let socketFD: Int32

    public init(address: String, maxBody: Int) throws(ReceiveError) {
        self.address = address
        self.maxBody = maxBody
        let parts = address.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else { throw .socket(address: address, detail: "not host:port") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        guard inet_pton(AF_INET, String(parts[0]), &addr.sin_addr) == 1 else { throw .socket(address: address, detail: "not an IPv4 address") }
        // The receiver believes the user nginx names in X-Portico-User: only nginx on this machine may reach it.
        guard parts[0].hasPrefix("127.") else { throw .socket(address: address, detail: "must be a loopback address (127.x.x.x): the receiver trusts the web server on this machine") }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw .socket(address: address, detail: "socket: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            throw .socket(address: address, detail: "cannot listen (errno \(errno)); is another receiver running?")
        }
        guard listen(fd, 64) == 0 else {
            close(fd)
            throw .socket(address: address, detail: "listen: errno \(errno)")
        }
        socketFD = fd
        signal(SIGPIPE, SIG_IGN)
    }

    /// Serves requests one at a time until the process ends.
    public func serve(_ handle: (HTTPRequest) -> HTTPResponse) -> Never {
        while true {
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { continue }
            var timeout = timeval(tv_sec: 15, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let response: HTTPResponse
            switch read(client) {
            case .request(let request): response = handle(request)
            case .tooLarge: response = HTTPResponse(status: 413, body: Array("Request too large\n".utf8))
            case .malformed: response = HTTPResponse(status: 400, body: Array("Malformed request\n".utf8))
            case .closed: close(client); continue
            }
            let bytes = response.bytes
            let total = bytes.count
            var sent = 0
            while sent < total {
                let n = bytes.withUnsafeBytes { send(client, $0.baseAddress! + sent, total - sent, 0) }
                if n <= 0 { break }
                sent += n
            }
            close(client)
        }
    }

    enum ReadResult { case request(HTTPRequest), tooLarge, malformed, closed }

    func read(_ client: Int32) -> ReadResult {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headEnd: Range<Int>?
        while headEnd == nil {
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, 65536, 0) }
            if n <= 0 { return buffer.isEmpty ? .closed : .malformed }
            buffer += chunk[0..<n]
            headEnd = buffer.byteRange(of: [13, 10, 13, 10])
            if headEnd == nil && buffer.count > 32768 { return .malformed }
        }
        guard let end = headEnd, let head = HTTPRequest.parseHead(buffer[0..<end.lowerBound]) else { return .malformed }
        if head.headers["transfer-encoding"] != nil { return .malformed }
        let length = head.headers["content-length"].flatMap { Int($0) } ?? 0
        guard length >= 0 else { return .malformed }
        guard length <= maxBody else { return .tooLarge }
        var body = Array(buffer[end.upperBound...])
        while body.count < length {
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, min(65536, length - body.count), 0) }
            if n <= 0 { return .malformed }
            body += chunk[0..<n]
        }
        guard body.count == length else { return .malformed }
        return .request(HTTPRequest(method: head.method, target: head.target, headers: head.headers, body: body))
    }
}
