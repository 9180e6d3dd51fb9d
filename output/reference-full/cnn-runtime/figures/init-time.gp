# cnn-runtime: chart init-time (line). Written by convrec report.
# Re-render from this folder with: gnuplot init-time.gp
# Data: init-time.dat (one block per series; see its header for the columns).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
set mxtics default
set mytics default
set title "Initialisation time against d"
set xlabel "dimension d"
set ylabel "initialisation time (s)"
set logscale x
set format x "10^{%L}"
set logscale y
set format y "10^{%L}"
set xrange [55.65217391:1177.6]
set key bottom right Left reverse noautotitle samplen 2.5 spacing 1.15 title ""
set style line 100 linecolor rgb '#555555' linewidth 1.0 dashtype 2
set style fill transparent solid 0.15 noborder
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'init-time.svg'
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.45
plot \
  'init-time.dat' index 0 using 1:3:4 with filledcurves linecolor rgb '#0072B2' notitle, \
  'init-time.dat' index 0 using 1:2 with linespoints linestyle 1 title "initialisation time (s)", \
  'init-time.dat' index 1 using 1:2 with lines linestyle 100 linecolor rgb '#555555' title "theory 0.000792·x", \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'init-time.png'
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.7
replot
unset output
