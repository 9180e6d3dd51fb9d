#!/bin/sh
# Regenerates Sources/Notebook/Report/DefaultTemplates.swift from
# templates/*.mustache (the built-in copies; ReportTemplateTests checks they
# match). Run from anywhere: scripts/sync-templates.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/Sources/Notebook/Report/DefaultTemplates.swift"
first="report.md index.md line.gp heatmap.gp convergence.gp"
names="$first"
for file in "$root"/templates/*.mustache; do
    name=$(basename "$file" .mustache)
    case " $first " in *" $name "*) ;; *) names="$names $name" ;; esac
done
tmp="$out.tmp.$$"
{
    cat <<'HEAD'
/// The default templates, identical to the files in templates/ (a test
/// keeps them in sync). `convrec report --templates DIR` reads a user's
/// copies instead; a template missing from DIR falls back to these.
///
/// Generated from templates/*.mustache by scripts/sync-templates.sh; edit those and rerun it.
enum DefaultTemplates {
    static let all: [String: String] = [
HEAD
    for name in $names; do
        file="$root/templates/$name.mustache"
        [ -f "$file" ] || continue
        if grep -q '"""#' "$file"; then echo "$file contains \"\"\"#; cannot embed it" >&2; exit 1; fi
        printf '        "%s": #"""\n' "$name"
        cat "$file"
        printf '\n"""#,\n'
    done
    printf '    ]\n}\n'
} > "$tmp"
mv "$tmp" "$out"
echo "wrote $out"
