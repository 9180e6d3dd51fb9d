# cnn-samples: chart final-error (line). Written by convrec report.
# Re-render from this folder with: gnuplot final-error.gp
# Data: final-error.dat (one block per series; see its header for the columns).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
set mxtics default
set mytics default
set title "Error after gradient descent against n"
set xlabel "samples n"
set ylabel "max column error"
set logscale x
set format x "10^{%L}"
set logscale y
set format y "10^{%L}"
set xrange [869.5652174:57500]
set key top right Left reverse noautotitle samplen 2.5 spacing 1.15 title "activation"
set style line 100 linecolor rgb '#555555' linewidth 1.0 dashtype 2
set style fill transparent solid 0.15 noborder
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'final-error.svg'
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.45
set style line 2 linecolor rgb '#D55E00' linewidth 1.2 pointtype 5 pointsize 0.45
set style line 3 linecolor rgb '#009E73' linewidth 1.2 pointtype 9 pointsize 0.45
set style line 4 linecolor rgb '#CC79A7' linewidth 1.2 pointtype 13 pointsize 0.45
set style line 5 linecolor rgb '#E69F00' linewidth 1.2 pointtype 11 pointsize 0.45
plot \
  'final-error.dat' index 0 using 1:3:4 with filledcurves linecolor rgb '#0072B2' notitle, \
  'final-error.dat' index 0 using 1:2 with linespoints linestyle 1 title "relu", \
  'final-error.dat' index 1 using 1:3:4 with filledcurves linecolor rgb '#D55E00' notitle, \
  'final-error.dat' index 1 using 1:2 with linespoints linestyle 2 title "leaky-relu", \
  'final-error.dat' index 2 using 1:3:4 with filledcurves linecolor rgb '#009E73' notitle, \
  'final-error.dat' index 2 using 1:2 with linespoints linestyle 3 title "squared-relu", \
  'final-error.dat' index 3 using 1:3:4 with filledcurves linecolor rgb '#CC79A7' notitle, \
  'final-error.dat' index 3 using 1:2 with linespoints linestyle 4 title "sigmoid", \
  'final-error.dat' index 4 using 1:3:4 with filledcurves linecolor rgb '#E69F00' notitle, \
  'final-error.dat' index 4 using 1:2 with linespoints linestyle 5 title "tanh", \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'final-error.png'
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.7
set style line 2 linecolor rgb '#D55E00' linewidth 1.2 pointtype 5 pointsize 0.7
set style line 3 linecolor rgb '#009E73' linewidth 1.2 pointtype 9 pointsize 0.7
set style line 4 linecolor rgb '#CC79A7' linewidth 1.2 pointtype 13 pointsize 0.7
set style line 5 linecolor rgb '#E69F00' linewidth 1.2 pointtype 11 pointsize 0.7
replot
unset output
