"""预约上门服务 (issue 4): service → day → time → address → summary → receipt."""
