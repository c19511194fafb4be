#!/usr/bin/env bash
# Builds the Linux bundle: a clean venv, the app with its packaging extra, PyInstaller on packaging/qsh-desk.spec.
# Result: dist/qsh-desk/ (run dist/qsh-desk/qsh-desk, or install it with dist/qsh-desk/install.sh) and
# dist/qsh-desk-VERSION-linux-ARCH.tar.gz to copy to the station PC.
# Usage: bash packaging/build.sh        (PYTHON=python3.12 to pick the interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=build/venv
started=$(date +%s)

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
# postgres: the bundle can also work against a district PostgreSQL server.
"$venv/bin/python" -m pip install --quiet ".[packaging,postgres]"
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/qsh-desk.spec

# A quick check that the bundle runs before it is packed.
dist/qsh-desk/qsh-desk --version

# The desktop entry and its installer travel with the bundle.
cp packaging/linux/qsh-desk.desktop packaging/linux/install.sh dist/qsh-desk/
chmod +x dist/qsh-desk/install.sh

version=$("$venv/bin/python" -c 'import qsh_desk; print(qsh_desk.__version__)')
archive="dist/qsh-desk-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" qsh-desk

echo "built dist/qsh-desk ($(du -sh dist/qsh-desk | cut -f1)) and $archive ($(du -sh "$archive" | cut -f1))" \
  "in $(( $(date +%s) - started )) s"
