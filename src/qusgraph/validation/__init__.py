"""Stage 4, SHACL: each article graph checked by the `shacl` engine before it is stored,
a whole store checked on demand, pySHACL as the reference."""
