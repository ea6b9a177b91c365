// PorticoDemo
