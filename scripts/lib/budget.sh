# The browser bundle's budget: the one place it is set. scripts/bench measures the release WASM
# against it and says so loudly when it is over. 250 KB gzip: about 2 s on a slow 3G phone.
WASM_BUDGET_GZIP=$((250 * 1024))
