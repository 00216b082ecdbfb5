"""Sharing results: short links (`permalinks`), the briefing PDF (`briefing`), downloads and CLI exports
(`export`)."""
