// PorticoPlan
