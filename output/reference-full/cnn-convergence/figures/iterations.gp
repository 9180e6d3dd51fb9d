# cnn-convergence: chart iterations (line). Written by convrec report.
# Re-render from this folder with: gnuplot iterations.gp
# Data: iterations.dat (one block per series; see its header for the columns).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
set mxtics default
set mytics default
set title "Iterations of descent by start"
set xlabel "init"
set ylabel "gradient-descent iterations"
set xtics ("tensor" 0, "random" 1, "perturbed" 2)
unset mxtics
set xrange [-0.5:2.5]
unset key
set style line 100 linecolor rgb '#555555' linewidth 1.0 dashtype 2
set style fill transparent solid 0.15 noborder
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'iterations.svg'
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.45
plot \
  'iterations.dat' index 0 using 10:2:3:4 with yerrorbars linestyle 1 notitle, \
  'iterations.dat' index 0 using 10:2 with linespoints linestyle 1 title "gradient-descent iterations", \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'iterations.png'
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.7
replot
unset output
