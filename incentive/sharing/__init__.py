"""Sharing results: short links (`permalinks`), the briefing PDF (`briefing`), the 通报 (`bulletin`), downloads and
CLI exports (`export`), and delivery on a schedule (`delivery`)."""
