# cnn-phase: chart phase (heatmap). Written by convrec report.
# Re-render from this folder with: gnuplot phase.gp
# Data: phase.dat: block 0 the grid (i j z x y trials), block 1 the 50% contour,
# block 2 the theory curve (i j x y). Cells sit at the positions i, j of the values.
set encoding utf8
set border linewidth 0.8 linecolor rgb '#333333'
set tics out scale 0.6 nomirror
set title "Recovery rate over samples n and dimension d"
set xlabel "samples n"
set ylabel "dimension d"
set xtics ("8" 0, "16" 1, "32" 2, "64" 3, "128" 4, "256" 5, "512" 6, "1024" 7, "2048" 8)
set ytics ("16" 0, "24" 1, "32" 2, "48" 3, "64" 4, "96" 5, "128" 6)
set xrange [-0.5:8.5]
set yrange [-0.5:6.5]
set cbrange [0:1]
set cblabel "recovery rate"
set colorbox vertical user origin graph 1.04, graph 0 size character 1.5, graph 1
set cbtics out scale 0.6
# Viridis (perceptually uniform, colour-blind safe).
set palette defined (0 '#440154', 0.125 '#472D7B', 0.25 '#3B528B', 0.375 '#2C728E', 0.5 '#21918C', 0.625 '#28AE80', 0.75 '#5EC962', 0.875 '#ADDC30', 1 '#FDE725')
set rmargin at screen 0.80
set key outside top center horizontal noautotitle samplen 2.5 width 1
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'phase.svg'
set style line 201 linecolor rgb 'black' linewidth 1.5 pointtype 6 pointsize 0.45*1.4
set style line 202 linecolor rgb 'white' pointtype 7 pointsize 0.45*1.2
plot \
  'phase.dat' index 0 using 1:2:(0.5):(0.5):3 with boxxy fillcolor palette fillstyle solid 1.0 noborder notitle, \
  'phase.dat' index 1 using 1:2 with linespoints linestyle 201 title "50% recovery (empirical)", \
  'phase.dat' index 1 using 1:2 with points linestyle 202 notitle, \
  'phase.dat' index 1 using 1:2 with points linestyle 201 notitle, \
  'phase.dat' index 2 using 1:2 with lines linecolor rgb '#D55E00' linewidth 1.5 dashtype 2 title "theory 1.75·dimension", \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'phase.png'
set style line 201 linecolor rgb 'black' linewidth 1.5 pointtype 6 pointsize 0.7*1.4
set style line 202 linecolor rgb 'white' pointtype 7 pointsize 0.7*1.2
replot
unset output
