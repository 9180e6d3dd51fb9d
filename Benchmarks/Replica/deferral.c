/* When to defer a sample's backward sum (LossGradient.defersBackward).
 *
 * The fused pass adds sample i's gradient sum either while sample i + 1 is
 * evaluated (mode 0, "deferred": its FMAs overlap the next activations) or
 * right after sample i's residual (mode 1). This replica of the pass for
 * k = 8, t = 3 (one 512-bit gradient block, relu) with the same bytes of X
 * (51 MB) for every patch count r times both:
 *
 *   clang -O2 -march=skylake-avx512 deferral.c -o /tmp/deferral
 *   for r in 8 32 64 128; do /tmp/deferral $r 0 0; /tmp/deferral $r 0 1; done
 *
 * (arguments: r, padding of the slope slots in 32-byte units, mode).
 * Measured 2026-11-30: r = 8: 2.38 / 3.60 ms, r = 32: 2.41 / 2.53,
 * r = 64: 4.47 / 2.42, r = 128: 4.76 / 2.51. From 4 KB rows (d = k·r ≥ 512)
 * the deferred sum re-reads a row that has left L1; padding the slots (so
 * that they do not alias the row at 4 KB) did not change that.
 * Scratch code, kept for the record; not built by SwiftPM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdint.h>
typedef double d4 __attribute__((ext_vector_type(4)));
typedef double d8 __attribute__((ext_vector_type(8)));
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define K 8
#define FMA __builtin_elementwise_fma
static inline __attribute__((always_inline)) d8 ld8(const double *p){ d8 v; memcpy(&v,p,64); return v; }
__attribute__((noinline)) double pass(const double *X, const double *y, const d4 *w, d8 *G, int n, int R, d4 *slots, int mode) {
  double loss=0; const double *prow=0; d4 *ps=0; int D=K*R;
  for (int i=0;i<n;i++){ const double *row=X+(long)i*D; d4 *s=slots+(i&1)*R; d4 out=0;
    for (int l=0;l<R;l+=4){ const double *p0=row+l*K; d4 h[4]={0,0,0,0};
      for (int a=0;a<K;a++){ d4 wa=w[a]; for(int q=0;q<4;q++) h[q]=FMA((d4)p0[q*K+a],wa,h[q]); }
      for(int q=0;q<4;q++){ d4 v = h[q] > 0 ? h[q] : (d4)0; d4 dd = h[q] > 0 ? (d4)1 : (d4)0; out+=v; s[l+q]=dd; } }
    if (mode==0 && prow){ d8 a0=G[0],a1=G[1],a2=G[2],a3=G[3];
      for (int l=0;l<R;l++){ d8 x=ld8(prow+l*K); d4 sl=ps[l]; a0=FMA(x,(d8)sl.x,a0); a1=FMA(x,(d8)sl.y,a1); a2=FMA(x,(d8)sl.z,a2); a3=FMA(x,(d8)sl.w,a3); }
      G[0]=a0;G[1]=a1;G[2]=a2;G[3]=a3; }
    double res=(out.x+out.y+out.z)-y[i]; loss+=res*res; d4 wt=res;
    for(int l=0;l<R;l++) s[l]*=wt; prow=row; ps=s;
    if (mode==1){ d8 a0=G[0],a1=G[1],a2=G[2],a3=G[3];
      for (int l=0;l<R;l++){ d8 x=ld8(prow+l*K); d4 sl=ps[l]; a0=FMA(x,(d8)sl.x,a0); a1=FMA(x,(d8)sl.y,a1); a2=FMA(x,(d8)sl.z,a2); a3=FMA(x,(d8)sl.w,a3); }
      G[0]=a0;G[1]=a1;G[2]=a2;G[3]=a3; } }
  return loss;
}
int main(int argc,char**argv){ int R=atoi(argv[1]); int pad=argc>2?atoi(argv[2]):0; int mode=argc>3?atoi(argv[3]):0; long total=6400000; int n=total/(K*R);
  double *X=aligned_alloc(64,sizeof(double)*total+64); double *y=malloc(sizeof(double)*n);
  srand(1); for(long i=0;i<total;i++) X[i]=(rand()/(double)RAND_MAX-0.5)*3.4; for(int i=0;i<n;i++) y[i]=0.1;
  d4 w[K]; for(int a=0;a<K;a++) for(int j=0;j<4;j++) w[a][j]=(j<3)?(rand()/(double)RAND_MAX-0.5)*0.6:0;
  d4 *slots=aligned_alloc(64, sizeof(d4)*(2*R+pad)+4096); d8 G[4] __attribute__((aligned(64)));
  double best=1e9; for(int rep=0;rep<15;rep++){ memset(G,0,sizeof G); double t0=now(); volatile double l=pass(X,y,w,G,n,R,slots+pad,mode); double t=now()-t0; if(t<best)best=t; }
  printf("R=%d n=%d pad=%d mode=%d: %.2f ms\n",R,n,pad,mode,best*1e3); }
