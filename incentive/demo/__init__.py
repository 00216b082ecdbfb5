"""Demonstration data: the bundled sample (`sample`) and the generator of fictional places' files at two scales,
the sample prefecture and the benchmark's province (`synth`)."""
