# fc-init-error: chart init-error-heatmap (heatmap). Written by convrec report.
# Re-render from this folder with: gnuplot init-error-heatmap.gp
# Data: init-error-heatmap.dat: block 0 the grid (i j z x y trials), block 1 the 50% contour,
# block 2 the theory curve (i j x y). Cells sit at the positions i, j of the values.
set encoding utf8
set border linewidth 0.8 linecolor rgb '#333333'
set tics out scale 0.6 nomirror
set title "Initialisation error over samples and dimension"
set xlabel "samples n"
set ylabel "dimension d"
set xtics ("10000" 0, "20000" 1, "30000" 2, "40000" 3, "50000" 4, "60000" 5, "70000" 6, "80000" 7, "90000" 8, "100000" 9)
set ytics ("10" 0, "20" 1, "30" 2, "40" 3, "50" 4)
set xrange [-0.5:9.5]
set yrange [-0.5:4.5]
set cbrange [*:*]
set cblabel "initialisation max column error"
set colorbox vertical user origin graph 1.04, graph 0 size character 1.5, graph 1
set cbtics out scale 0.6
# Viridis (perceptually uniform, colour-blind safe).
set palette defined (0 '#440154', 0.125 '#472D7B', 0.25 '#3B528B', 0.375 '#2C728E', 0.5 '#21918C', 0.625 '#28AE80', 0.75 '#5EC962', 0.875 '#ADDC30', 1 '#FDE725')
set rmargin at screen 0.80
unset key
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'init-error-heatmap.svg'
set style line 201 linecolor rgb 'black' linewidth 1.5 pointtype 6 pointsize 0.45*1.4
set style line 202 linecolor rgb 'white' pointtype 7 pointsize 0.45*1.2
plot \
  'init-error-heatmap.dat' index 0 using 1:2:(0.5):(0.5):3 with boxxy fillcolor palette fillstyle solid 1.0 noborder notitle, \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'init-error-heatmap.png'
set style line 201 linecolor rgb 'black' linewidth 1.5 pointtype 6 pointsize 0.7*1.4
set style line 202 linecolor rgb 'white' pointtype 7 pointsize 0.7*1.2
replot
unset output
