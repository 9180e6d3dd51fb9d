# fc-convergence: chart objective-random-starts (convergence). Written by convrec report.
# Re-render from this folder with: gnuplot objective-random-starts.gp
# Data: objective-random-starts.dat (one block per series: iteration, median, q25, q75, trials).
set encoding utf8
set border 3 linewidth 0.8 linecolor rgb '#333333'
set tics nomirror out scale 0.6
set title "Loss against iteration from random W: learned vs true signs"
set xlabel "iteration"
set ylabel "training loss"
set logscale y
set format y "10^{%L}"
set key top right Left reverse noautotitle samplen 2.5 spacing 1.15 title "learn signs"
set style line 1 linecolor rgb '#0072B2' linewidth 1.2 pointtype 7 pointsize 0.6
set style line 2 linecolor rgb '#D55E00' linewidth 1.2 pointtype 5 pointsize 0.6
set style fill transparent solid 0.15 noborder
set terminal svg size 600,400 dynamic enhanced font 'DejaVu Sans,11' background rgb 'white'
set output 'objective-random-starts.svg'
plot \
  'objective-random-starts.dat' index 0 using 1:3:4 with filledcurves linecolor rgb '#0072B2' notitle, \
  'objective-random-starts.dat' index 0 using 1:2 with lines linestyle 1 title "true", \
  'objective-random-starts.dat' index 1 using 1:3:4 with filledcurves linecolor rgb '#D55E00' notitle, \
  'objective-random-starts.dat' index 1 using 1:2 with lines linestyle 2 title "false", \
  NaN notitle
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,15' linewidth 1.5 background rgb 'white'
set output 'objective-random-starts.png'
replot
unset output
