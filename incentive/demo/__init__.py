"""Demonstration data: the bundled sample (`sample`), the sample prefecture's generator (`synth`) and a
province-scale generator for the benchmark (`synth_province`)."""
