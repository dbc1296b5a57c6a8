"""Device boundaries the kiosk may lack (card reader, printer): a Protocol each, real or simulated."""
