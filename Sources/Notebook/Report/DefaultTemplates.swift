/// The default templates, identical to the files in templates/ (a test
/// keeps them in sync). `convrec report --templates DIR` reads a user's
/// copies instead; a template missing from DIR falls back to these.
///
/// Generated from templates/*.mustache by scripts/sync-templates.sh; edit those and rerun it.
enum DefaultTemplates {
    static let all: [String: String] = [
        "report.md": #"""
{{% CONTENT_TYPE: TEXT}}
# {{title}}

{{#has_description}}
{{{description}}}

{{/has_description}}
*Experiment `{{name}}` from `{{file}}`{{#has_profile}}, profile `{{profile}}`{{/has_profile}}: {{points}} points × {{trials_per_point}} trials planned, {{trials_used}} trials stored{{#has_failed}} ({{trials_failed}} failed){{/has_failed}}.*

## Claims

{{#has_claims}}
{{claims_passed}} passed, {{claims_failed}} failed, {{claims_inconclusive}} inconclusive.

| | claim | statement | measured (95% interval) | why |
|---|---|---|---|---|
{{#claims}}
| **{{verdict}}** | `{{id}}` ({{kind}}) | {{statement}} | {{statistic}}: {{measured}} | {{explanation}} |
{{/claims}}
{{/has_claims}}
{{^has_claims}}
This experiment declares no claims.
{{/has_claims}}

{{#has_charts}}
## Figures

{{#charts}}
### {{heading}}

{{#has_image}}
![{{heading}}]({{image}})

{{/has_image}}
*Figure {{number}}.* {{caption}}
{{#has_png}}[PNG]({{png}}) · {{/has_png}}{{#has_pdf}}[PDF]({{pdf}}) · {{/has_pdf}}[data]({{data}}) · [gnuplot script]({{script}})

{{/charts}}
{{/has_charts}}
{{#has_render_problem}}
> **Charts were not rendered:** {{render_problem}}

{{/has_render_problem}}
{{#has_fits}}
## Fitted laws

| quantity | value (95% interval) | how |
|---|---|---|
{{#fits}}
| {{label}} | {{value}} | {{note}} |
{{/fits}}

{{/has_fits}}
{{#has_thresholds}}
## Sample threshold n*

The sample count at which the success rate crosses ½, interpolated in log n, with a bootstrap 95% interval (trials resampled within each sample count; 0 = below the smallest n tried, ∞ = beyond the largest).

| {{threshold_group}} | n* | 95% interval | trials |
|---|---|---|---|
{{#thresholds}}
| {{group}} | {{n_star}} | {{interval}} | {{trials}} |
{{/thresholds}}

{{/has_thresholds}}
## Summary per point

Median [25%, 75%] over the trials of each point; success rate with its Wilson 95% interval. Every statistic of every metric is in [summary.csv](summary.csv).

|{{#summary_columns}} {{name}} |{{/summary_columns}}
|{{#summary_columns}}---|{{/summary_columns}}
{{#summary_rows}}
|{{#cells}} {{value}} |{{/cells}}
{{/summary_rows}}

## Provenance

{{#has_run}}
| last run | |
|---|---|
{{#run}}
| {{key}} | `{{value}}` |
{{/run}}

{{/has_run}}
{{^has_run}}
No run record (runs.jsonl) was found beside the results.

{{/has_run}}
{{#has_runs}}
Over {{runs}} recorded run{{runs_plural}}: {{trials_computed}} trials computed, {{trials_cached}} reused from the cache, {{trials_failed_runs}} failed.

{{/has_runs}}
- Results: `{{results}}` ({{trials_used}} trials used{{#has_ignored}}, {{ignored}} stored records outside this plan ignored{{/has_ignored}}{{#has_missing}}, {{missing}} planned points without results{{/has_missing}})
- Solver versions: {{solver_versions}}
- Master seed {{seed}}; each trial's seed is derived from it, the point and the trial index; bootstrap intervals ({{resamples}} resamples) are seeded from it too, so this report is reproducible.
{{#has_warnings}}

Warnings:
{{#warnings}}
- {{text}}
{{/warnings}}
{{/has_warnings}}

## Regenerate

```sh
{{command}}
```

"""#,
        "index.md": #"""
{{% CONTENT_TYPE: TEXT}}
# Reproduction report

{{claims_passed}} of {{claims_total}} claims passed, {{claims_failed}} failed, {{claims_inconclusive}} inconclusive, over {{experiments}} experiments.

## Experiments

| experiment | title | trials | claims passed / failed / inconclusive |
|---|---|---|---|
{{#reports}}
| [{{name}}]({{link}}) | {{title}} | {{trials}} | {{passed}} / {{failed}} / {{inconclusive}} |
{{/reports}}

## Claims

| | experiment | claim | statement | measured (95% interval) |
|---|---|---|---|---|
{{#claims}}
| **{{verdict}}** | [{{experiment}}]({{link}}) | `{{id}}` | {{statement}} | {{statistic}}: {{measured}} |
{{/claims}}

"""#,
        "line.gp": #"""
{{% CONTENT_TYPE: TEXT}}
# {{experiment}}: chart {{id}} (line). Written by convrec report.
# Re-render from this folder with: gnuplot {{id}}.gp
# Data: {{data}} (one block per series; see its header for the columns).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
set mxtics default
set mytics default
{{#has_title}}
set title "{{{title}}}"
{{/has_title}}
set xlabel "{{{xlabel}}}"
set ylabel "{{{ylabel}}}"
{{#log_x}}
set logscale x
set format x "10^{%L}"
{{/log_x}}
{{#log_y}}
set logscale y
set format y "10^{%L}"
{{/log_y}}
{{#categorical}}
set xtics ({{{xtics}}})
unset mxtics
{{/categorical}}
{{#has_xrange}}
set xrange {{{xrange}}}
{{/has_xrange}}
{{#has_yrange}}
set yrange {{{yrange}}}
{{/has_yrange}}
{{#has_key}}
set key {{key_position}} Left reverse noautotitle samplen 2.5 spacing 1.15 title "{{{key_title}}}"
{{/has_key}}
{{^has_key}}
unset key
{{/has_key}}
set style line 100 linecolor rgb '#555555' linewidth 1.0 dashtype 2
set style fill transparent solid 0.15 noborder
{{#outputs}}
set terminal {{{terminal}}}
set output '{{{file}}}'
{{#series}}
set style line {{style}} linecolor rgb '{{color}}' linewidth 1.2 pointtype {{point_type}} pointsize {{point_size}}
{{/series}}
{{#first}}
plot \
{{#series}}
{{#band}}
  '{{data}}' index {{index}} using 1:3:4 with filledcurves linecolor rgb '{{color}}' notitle, \
{{/band}}
{{#errorbars}}
  '{{data}}' index {{index}} using 10:2:3:4 with yerrorbars linestyle {{style}} notitle, \
  '{{data}}' index {{index}} using 10:2 with linespoints linestyle {{style}} title "{{{title}}}", \
{{/errorbars}}
{{^errorbars}}
  '{{data}}' index {{index}} using 1:2 with linespoints linestyle {{style}} title "{{{title}}}", \
{{/errorbars}}
{{/series}}
{{#theory}}
  '{{data}}' index {{index}} using 1:2 with lines linestyle 100 linecolor rgb '{{color}}' title "{{{title}}}", \
{{/theory}}
  NaN notitle
{{/first}}
{{^first}}
replot
{{/first}}
{{/outputs}}
unset output

"""#,
        "heatmap.gp": #"""
{{% CONTENT_TYPE: TEXT}}
# {{experiment}}: chart {{id}} (heatmap). Written by convrec report.
# Re-render from this folder with: gnuplot {{id}}.gp
# Data: {{data}}: block 0 the grid (i j z x y trials), block 1 the 50% contour,
# block 2 the theory curve (i j x y). Cells sit at the positions i, j of the values.
set encoding utf8
set border linewidth 0.8 linecolor rgb '#333333'
set tics out scale 0.6 nomirror
{{#has_title}}
set title "{{{title}}}"
{{/has_title}}
set xlabel "{{{xlabel}}}"
set ylabel "{{{ylabel}}}"
set xtics ({{{xtics}}})
set ytics ({{{ytics}}})
set xrange {{{xrange}}}
set yrange {{{yrange}}}
set cbrange {{{cbrange}}}
{{#log_cb}}
set logscale cb
set format cb "10^{%L}"
{{/log_cb}}
set cblabel "{{{zlabel}}}"
set colorbox vertical user origin graph 1.04, graph 0 size character 1.5, graph 1
set cbtics out scale 0.6
# Viridis (perceptually uniform, colour-blind safe).
set palette defined (0 '#440154', 0.125 '#472D7B', 0.25 '#3B528B', 0.375 '#2C728E', 0.5 '#21918C', 0.625 '#28AE80', 0.75 '#5EC962', 0.875 '#ADDC30', 1 '#FDE725')
set rmargin at screen 0.80
{{#has_key}}
set key outside top center horizontal noautotitle samplen 2.5 width 1
{{/has_key}}
{{^has_key}}
unset key
{{/has_key}}
{{#outputs}}
set terminal {{{terminal}}}
set output '{{{file}}}'
set style line 201 linecolor rgb 'black' linewidth 1.5 pointtype 6 pointsize {{point_size}}*1.4
set style line 202 linecolor rgb 'white' pointtype 7 pointsize {{point_size}}*1.2
{{#first}}
plot \
  '{{data}}' index 0 using 1:2:(0.5):(0.5):3 with boxxy fillcolor palette fillstyle solid 1.0 noborder notitle, \
{{#contour}}
  '{{data}}' index 1 using 1:2 with linespoints linestyle 201 title "50% recovery (empirical)", \
  '{{data}}' index 1 using 1:2 with points linestyle 202 notitle, \
  '{{data}}' index 1 using 1:2 with points linestyle 201 notitle, \
{{/contour}}
{{#theory}}
  '{{data}}' index 2 using 1:2 with lines linecolor rgb '#D55E00' linewidth 1.5 dashtype 2 title "{{{theory_title}}}", \
{{/theory}}
  NaN notitle
{{/first}}
{{^first}}
replot
{{/first}}
{{/outputs}}
unset output

"""#,
        "convergence.gp": #"""
{{% CONTENT_TYPE: TEXT}}
# {{experiment}}: chart {{id}} (convergence). Written by convrec report.
# Re-render from this folder with: gnuplot {{id}}.gp
# Data: {{data}} (one block per series: iteration, median, q25, q75, trials).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
{{#has_title}}
set title "{{{title}}}"
{{/has_title}}
set xlabel "{{{xlabel}}}"
set ylabel "{{{ylabel}}}"
{{#log_x}}
set logscale x
{{/log_x}}
{{#log_y}}
set logscale y
set format y "10^{%L}"
{{/log_y}}
{{#has_key}}
set key top right Left reverse noautotitle samplen 2.5 spacing 1.15 title "{{{key_title}}}"
{{/has_key}}
{{^has_key}}
unset key
{{/has_key}}
{{#series}}
set style line {{style}} linecolor rgb '{{color}}' linewidth 1.2 pointtype {{point_type}} pointsize 0.6
{{/series}}
set style fill transparent solid 0.15 noborder
{{#outputs}}
set terminal {{{terminal}}}
set output '{{{file}}}'
{{#first}}
plot \
{{#series}}
  '{{data}}' index {{index}} using 1:3:4 with filledcurves linecolor rgb '{{color}}' notitle, \
  '{{data}}' index {{index}} using 1:2 with lines linestyle {{style}} title "{{{title}}}", \
{{/series}}
  NaN notitle
{{/first}}
{{^first}}
replot
{{/first}}
{{/outputs}}
unset output

"""#,
        "diff-overlay.gp": #"""
{{% CONTENT_TYPE: TEXT}}
# {{experiment}}: chart {{id}}, baseline and candidate overlaid. Written by convrec diff.
# Re-render from this folder with: gnuplot {{experiment}}-{{id}}.gp
# Data: one file per side, the columns of the report's chart data.
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
{{#has_title}}
set title "{{{title}}}"
{{/has_title}}
set xlabel "{{{xlabel}}}"
set ylabel "{{{ylabel}}}"
{{#log_x}}
set logscale x
set format x "10^{%L}"
{{/log_x}}
{{#log_y}}
set logscale y
set format y "10^{%L}"
{{/log_y}}
{{#categorical}}
set xtics ({{{xtics}}})
{{/categorical}}
{{#has_xrange}}
set xrange {{{xrange}}}
{{/has_xrange}}
{{#has_yrange}}
set yrange {{{yrange}}}
{{/has_yrange}}
set key {{key_position}} Left reverse noautotitle samplen 3 spacing 1.15 font ',8' title "{{{key_title}}}"
{{#outputs}}
set terminal {{{terminal}}}
set output '{{{file}}}'
{{#sides}}
{{#series}}
set style line {{style}} linecolor rgb '{{color}}' linewidth 1.2 dashtype {{dash}} pointtype {{point_type}} pointsize {{point_size}}
{{/series}}
{{/sides}}
{{#first}}
plot \
{{#sides}}
{{#series}}
  '{{data}}' index {{index}} using {{x_column}}:2 with linespoints linestyle {{style}} title "{{{title}}}", \
{{/series}}
{{/sides}}
  NaN notitle
{{/first}}
{{^first}}
replot
{{/first}}
{{/outputs}}
unset output

"""#,
        "diff-ratio.gp": #"""
{{% CONTENT_TYPE: TEXT}}
# {{experiment}}: candidate / baseline medians per point. Written by convrec diff.
# Re-render from this folder with: gnuplot {{id}}.gp
# Data: {{data}} (position, point label, one ratio column per metric).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
{{#has_title}}
set title "{{{title}}}"
{{/has_title}}
set xlabel "{{{xlabel}}}"
set ylabel "{{{ylabel}}}"
set logscale y
set xrange {{{xrange}}}
{{#rotate}}
set xtics rotate by 40 right font ',8'
{{/rotate}}
set key outside right top Left reverse noautotitle samplen 2.5 spacing 1.15
{{#outputs}}
set terminal {{{terminal}}}
set output '{{{file}}}'
{{#series}}
set style line {{style}} linecolor rgb '{{color}}' linewidth 1.2 pointtype {{point_type}} pointsize {{point_size}}
{{/series}}
{{#first}}
plot \
  1 with lines linecolor rgb '#555555' dashtype 2 notitle, \
{{#series}}
  '{{data}}' using 1:{{column}}:xtic(2) with linespoints linestyle {{style}} title "{{{title}}}", \
{{/series}}
  NaN notitle
{{/first}}
{{^first}}
replot
{{/first}}
{{/outputs}}
unset output

"""#,
        "diff.md": #"""
{{% CONTENT_TYPE: TEXT}}
# Diff: {{candidate}} against {{baseline}}

**{{verdict_text}}**

| | count |
|---|---|
| regressions | {{regressions}}{{#has_ungated}} ({{gated_regressions}} gated){{/has_ungated}} |
| improvements | {{improvements}} |
| unchanged | {{unchanged}} ({{identical}} bit-identical) |
| inconclusive | {{inconclusive}} |

*Baseline `{{baseline}}` ({{baseline_label}}); candidate `{{candidate}}` ({{candidate_label}}). {{cells}} cells (point × metric), {{trials}} paired trials of which {{identical_trials}} bit-identical. A change is flagged when its Benjamini–Hochberg adjusted p (q) is at most {{alpha}} and it exceeds the tolerance; "unchanged" means an equivalence test (TOST, level {{alpha}}) put it within the tolerance. Gating (exit 1): {{gated}}.*

{{#has_one_sided_experiments}}
Experiments on one side only: {{one_sided_experiments}}.

{{/has_one_sided_experiments}}
| metric | test | tolerance | better | gates |
|---|---|---|---|---|
{{#metrics}}
| `{{name}}` | {{test}} | {{tolerance}} | {{better}} | {{gates}} |
{{/metrics}}

{{#experiments}}
## {{name}}

{{points}} points compared, {{trials}} paired trials ({{identical_trials}} bit-identical).
{{#has_only_baseline}}

Points only in the baseline: {{#only_baseline}}`{{point}}`{{^last}}, {{/last}}{{/only_baseline}}.
{{/has_only_baseline}}
{{#has_only_candidate}}

Points only in the candidate: {{#only_candidate}}`{{point}}`{{^last}}, {{/last}}{{/only_candidate}}.
{{/has_only_candidate}}

{{#has_changes}}
### Changes

| status | point | metric | baseline | candidate | difference | ratio | p | q |
|---|---|---|---|---|---|---|---|---|
{{#changes}}
| **{{status}}**{{^gated}} (not gated){{/gated}} | {{point}} | `{{metric}}` | {{baseline}} | {{candidate}} | {{difference}} | {{ratio}} | {{p}} | {{q}} |
{{/changes}}
{{/has_changes}}
{{^has_changes}}
No regression or improvement.
{{/has_changes}}

{{#has_claims}}
### Claims

| claim | baseline | candidate | |
|---|---|---|---|
{{#claims}}
| `{{id}}` {{statement}} | {{baseline}}: {{baseline_measured}} | {{candidate}}: {{candidate_measured}} | {{#changed}}**changed**{{/changed}} |
{{/claims}}

{{/has_claims}}
{{#has_charts}}
### Figures

{{#charts}}
#### {{title}}

{{#has_image}}
![{{title}}]({{image}})

{{/has_image}}
{{caption}} Script: [{{script}}]({{script}}).

{{/charts}}
{{/has_charts}}
{{#has_warnings}}
{{#warnings}}
- warning: {{text}}
{{/warnings}}

{{/has_warnings}}
<details><summary>Every cell</summary>

| status | point | metric | n | baseline | candidate | ratio | p | q | TOST p |
|---|---|---|---|---|---|---|---|---|---|
{{#cells}}
| {{status}} | {{point}} | `{{metric}}` | {{n}} | {{baseline}} | {{candidate}} | {{ratio}} | {{p}} | {{q}} | {{equivalence_p}} |
{{/cells}}

</details>

{{/experiments}}
## Provenance

| | baseline | candidate |
|---|---|---|
{{#provenance}}
| {{key}} | {{baseline}} | {{candidate}}{{#differs}} (differs){{/differs}} |
{{/provenance}}

Regenerate: `{{command}}`

"""#,
    ]
}
