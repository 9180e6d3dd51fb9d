# cnn-patch-size: chart success (line). Written by convrec report.
# Re-render from this folder with: gnuplot success.gp
# Data: success.dat (one block per series; see its header for the columns).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
set mxtics default
set mytics default
set title "Recovery rate against n, one line per dimension"
set xlabel "samples n"
set ylabel "recovery rate"
set logscale x
set format x "10^{%L}"
set xrange [6.956521739:9420.8]
set yrange [-0.03:1.03]
set key bottom right Left reverse noautotitle samplen 2.5 spacing 1.15 title "dimension"
set style line 100 linecolor rgb '#555555' linewidth 1.0 dashtype 2
set style fill transparent solid 0.15 noborder
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'success.svg'
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.45
set style line 2 linecolor rgb '#D55E00' linewidth 1.2 pointtype 5 pointsize 0.45
set style line 3 linecolor rgb '#009E73' linewidth 1.2 pointtype 9 pointsize 0.45
set style line 4 linecolor rgb '#CC79A7' linewidth 1.2 pointtype 13 pointsize 0.45
set style line 5 linecolor rgb '#E69F00' linewidth 1.2 pointtype 11 pointsize 0.45
plot \
  'success.dat' index 0 using 10:2:3:4 with yerrorbars linestyle 1 notitle, \
  'success.dat' index 0 using 10:2 with linespoints linestyle 1 title "16", \
  'success.dat' index 1 using 10:2:3:4 with yerrorbars linestyle 2 notitle, \
  'success.dat' index 1 using 10:2 with linespoints linestyle 2 title "32", \
  'success.dat' index 2 using 10:2:3:4 with yerrorbars linestyle 3 notitle, \
  'success.dat' index 2 using 10:2 with linespoints linestyle 3 title "64", \
  'success.dat' index 3 using 10:2:3:4 with yerrorbars linestyle 4 notitle, \
  'success.dat' index 3 using 10:2 with linespoints linestyle 4 title "128", \
  'success.dat' index 4 using 10:2:3:4 with yerrorbars linestyle 5 notitle, \
  'success.dat' index 4 using 10:2 with linespoints linestyle 5 title "256", \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'success.png'
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.7
set style line 2 linecolor rgb '#D55E00' linewidth 1.2 pointtype 5 pointsize 0.7
set style line 3 linecolor rgb '#009E73' linewidth 1.2 pointtype 9 pointsize 0.7
set style line 4 linecolor rgb '#CC79A7' linewidth 1.2 pointtype 13 pointsize 0.7
set style line 5 linecolor rgb '#E69F00' linewidth 1.2 pointtype 11 pointsize 0.7
replot
unset output
