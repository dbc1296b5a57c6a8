"""查询办理进度 (issue 5): applications, one application, materials, money, status-page QR."""
