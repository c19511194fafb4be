#!/usr/bin/env bash
# Wine scaffolding, never shipped: the ICU that Windows 10 and 11 have in System32 and Wine has not.
# Qt's Windows build (Qt6Core.dll) imports ICU's converter functions from the system's icuuc.dll; without it
# every PySide6 program under Wine stops with "DLL load failed while importing QtCore".
# This makes, once (cached in OUT_DIR):
#   - ICU 77's DLLs, from PyPI's pyicu-wheels (Windows wheel, folder icu/), whose exports carry a _77 suffix;
#   - icuuc.dll (and icuin.dll if Qt asks for it): a DLL with no code that forwards each function Qt6Core.dll
#     imports (read from its import table with pefile) to the suffixed one, built with MinGW.
# and copies them into the System32 folder of a Wine prefix, where Windows keeps its own ICU.
# Usage: wine-icu.sh PREFIX QT6CORE_DLL OUT_DIR HOST_PYTHON   (HOST_PYTHON: a Linux Python with pip and pefile)
set -euo pipefail
prefix=$1
qt6core=$2
out=$3
host_py=$4
icu_wheel_version=2.15.2

if [ ! -f "$out/icuuc.dll" ]; then
  rm -rf "$out" && mkdir -p "$out/src"
  "$host_py" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary :all: \
    --platform win_amd64 --python-version 3.11 -d "$out/src" "pyicu-wheels==$icu_wheel_version"
  unzip -q -j "$out"/src/pyicu_wheels-*.whl 'icu/*.dll' -d "$out"
  # One .def file per ICU DLL that Qt6Core.dll imports from, each function forwarded to ICU 77's name.
  "$host_py" - "$qt6core" "$out" <<'EOF'
import pathlib, re, sys
import pefile

qt6core, out = sys.argv[1], pathlib.Path(sys.argv[2])
pe = pefile.PE(qt6core, fast_load=True)
pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"]])
targets = {"icuuc": "icuuc77", "icuin": "icuin77", "icu": "icuuc77"}
for entry in pe.DIRECTORY_ENTRY_IMPORT:
    dll = entry.dll.decode().lower().removesuffix(".dll")
    if dll not in targets:
        continue
    names = sorted(imp.name.decode() for imp in entry.imports if imp.name)
    lines = [f"LIBRARY {dll}", "EXPORTS"] + [f"{n}={targets[dll]}.{re.sub(r'_77$', '', n)}_77" for n in names]
    (out / f"{dll}.def").write_text("\n".join(lines) + "\n")
    print(f"{dll}.dll: {len(names)} functions forwarded to {targets[dll]}.dll")
EOF
  printf '#include <windows.h>\nBOOL WINAPI DllMain(HINSTANCE h, DWORD r, LPVOID p) { return TRUE; }\n' >"$out/src/stub.c"
  for def in "$out"/*.def; do
    x86_64-w64-mingw32-gcc -shared -nostdlib -e DllMain -o "${def%.def}.dll" "$out/src/stub.c" "$def"
  done
fi
cp "$out"/*.dll "$prefix/drive_c/windows/system32/"
echo "ICU in $prefix/drive_c/windows/system32: $(cd "$out" && ls ./*.dll | xargs -n1 basename | tr '\n' ' ')"
