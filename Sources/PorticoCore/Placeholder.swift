// PorticoCore
