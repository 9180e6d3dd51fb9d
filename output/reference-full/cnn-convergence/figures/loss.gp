# cnn-convergence: chart loss (convergence). Written by convrec report.
# Re-render from this folder with: gnuplot loss.gp
# Data: loss.dat (one block per series: iteration, median, q25, q75, trials).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
set title "Training loss against iteration"
set xlabel "iteration"
set ylabel "training loss"
set logscale y
set format y "10^{%L}"
set key top right Left reverse noautotitle samplen 2.5 spacing 1.15 title "init"
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.6
set style line 2 linecolor rgb '#D55E00' linewidth 1.2 pointtype 5 pointsize 0.6
set style line 3 linecolor rgb '#009E73' linewidth 1.2 pointtype 9 pointsize 0.6
set style fill transparent solid 0.15 noborder
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'loss.svg'
plot \
  'loss.dat' index 0 using 1:3:4 with filledcurves linecolor rgb '#0072B2' notitle, \
  'loss.dat' index 0 using 1:2 with lines linestyle 1 title "tensor", \
  'loss.dat' index 1 using 1:3:4 with filledcurves linecolor rgb '#D55E00' notitle, \
  'loss.dat' index 1 using 1:2 with lines linestyle 2 title "random", \
  'loss.dat' index 2 using 1:3:4 with filledcurves linecolor rgb '#009E73' notitle, \
  'loss.dat' index 2 using 1:2 with lines linestyle 3 title "perturbed", \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'loss.png'
replot
unset output
