// PorticoMarkdown
