# Stands in for a test whose tool is missing: fails loudly instead of
# skipping silently.
message(FATAL_ERROR "${TOOL} not found: ${HINT}")
