// PorticoRender
