"""Loading rule packs: strict YAML -> validated specs -> compiled rules."""
