# Sourced by interop suites: `source .ci/venv.sh 'pkg==1.2.3' ...`
# Creates (once) the Python venv used only for interoperability peers, installs
# the pinned packages it is given, and puts its python first on PATH.
# It leaves the caller's shell options alone (it is sourced) and returns
# non-zero if the venv or an install fails.
VENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.venv"
if [ ! -x "$VENV_DIR/bin/python" ]; then
    python3 -m venv "$VENV_DIR" || return 1
    "$VENV_DIR/bin/python" -m pip install --quiet --upgrade pip || return 1
fi
if [ "$#" -gt 0 ]; then
    "$VENV_DIR/bin/python" -m pip install --quiet "$@" || return 1
fi
export PATH="$VENV_DIR/bin:$PATH"
