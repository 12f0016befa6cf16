"""Text handling: the one definition of a word, and normalisation that keeps offsets."""
