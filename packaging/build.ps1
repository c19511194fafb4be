# Builds the Windows bundle (dist\qsh-desk\) and, when Inno Setup 6 is installed, the installer
# (dist\qsh-desk-VERSION-setup.exe). Run in PowerShell from any folder:
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1
# Needs Python 3.11+ (the "py" launcher from python.org) and, for the installer, Inno Setup 6 (jrsoftware.org).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$started = Get-Date

$venv = "build\venv"
if (-not (Test-Path "$venv\Scripts\python.exe")) {
    py -3 -m venv $venv
    if ($LASTEXITCODE -ne 0) { throw "Python 3.11+ not found: install it from python.org (with the py launcher)" }
}
$python = "$venv\Scripts\python.exe"

function Invoke-Checked([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $arguments failed with exit code $LASTEXITCODE" }
}

Invoke-Checked $python @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
# postgres: the bundle can also work against a district PostgreSQL server.
Invoke-Checked $python @("-m", "pip", "install", "--quiet", ".[packaging,postgres]")
Invoke-Checked $python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "packaging\qsh-desk.spec")

# A quick check that the bundle runs before it goes into an installer.
Invoke-Checked "dist\qsh-desk\qsh-desk-cli.exe" @("--version")

$version = (& $python -c "import qsh_desk; print(qsh_desk.__version__)").Trim()
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    foreach ($candidate in @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
                             "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe")) {
        if (Test-Path $candidate) { $iscc = $candidate; break }
    }
}
if ($iscc) {
    Invoke-Checked $iscc @("/Qp", "/DAppVersion=$version", "packaging\windows\qsh-desk.iss")
    Write-Host "installer: dist\qsh-desk-$version-setup.exe"
} else {
    Write-Warning "Inno Setup 6 not found: built dist\qsh-desk only (install Inno Setup 6 for the installer)"
}
$minutes = [math]::Round(((Get-Date) - $started).TotalMinutes, 1)
Write-Host "built dist\qsh-desk in $minutes min"
