// PorticoPublish
