# cnn-convergence: chart error (convergence). Written by convrec report.
# Re-render from this folder with: gnuplot error.gp
# Data: error.dat (one block per series: iteration, median, q25, q75, trials).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
set title "Error against iteration"
set xlabel "iteration"
set ylabel "relative error ‖W − W^*‖_F / ‖W^*‖_F"
set logscale y
set format y "10^{%L}"
set key top right Left reverse noautotitle samplen 2.5 spacing 1.15 title "init"
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.6
set style line 2 linecolor rgb '#D55E00' linewidth 1.2 pointtype 5 pointsize 0.6
set style line 3 linecolor rgb '#009E73' linewidth 1.2 pointtype 9 pointsize 0.6
set style fill transparent solid 0.15 noborder
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'error.svg'
plot \
  'error.dat' index 0 using 1:3:4 with filledcurves linecolor rgb '#0072B2' notitle, \
  'error.dat' index 0 using 1:2 with lines linestyle 1 title "tensor", \
  'error.dat' index 1 using 1:3:4 with filledcurves linecolor rgb '#D55E00' notitle, \
  'error.dat' index 1 using 1:2 with lines linestyle 2 title "random", \
  'error.dat' index 2 using 1:3:4 with filledcurves linecolor rgb '#009E73' notitle, \
  'error.dat' index 2 using 1:2 with lines linestyle 3 title "perturbed", \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'error.png'
replot
unset output
