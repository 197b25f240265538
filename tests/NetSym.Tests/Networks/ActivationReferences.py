# High-precision references for ActivationOperatorTests (mpmath 1.3.0, 120 significant digits); a value
# beyond the double range prints as inf.
# Run: python3 ActivationReferences.py ; paste the printed rows into ActivationOperatorTests.References.
import mpmath as mp
mp.mp.dps = 120
sig = lambda x: 1/(1+mp.exp(-x))
K = mp.sqrt(2/mp.pi); C = mp.mpf('0.044715')
# SELU's constants as PyTorch's doubles hold them.
ALPHA = mp.mpf(1.6732632423543772848170429916717); SCALE = mp.mpf(1.0507009873554804934193349852946)
# (1 + tanh u)/2 = sigmoid(2u): no cancellation in the left tail, even at 120 digits.
def gelu(x):
    u = K*(x + C*x**3); return x*sig(2*u)
def dgelu(x):
    u = K*(x + C*x**3); s = sig(2*u)
    return s + 2*x*s*(1-s)*K*(1+3*C*x*x)
fns = {
 'tanh': (mp.tanh, lambda x: 1/mp.cosh(x)**2),
 'sigmoid': (sig, lambda x: sig(x)*sig(-x)),
 'softplus': (lambda x: mp.log1p(mp.exp(x)), sig),
 'elu(1)': (lambda x: x if x > 0 else mp.expm1(x), lambda x: 1 if x > 0 else mp.exp(x)),
 'gelu': (gelu, dgelu),
 'selu': (lambda x: SCALE*x if x > 0 else SCALE*ALPHA*mp.expm1(x), lambda x: SCALE if x > 0 else SCALE*ALPHA*mp.exp(x)),
 'hardsigmoid': (lambda x: min(max(x + 3, 0), 6)/6, lambda x: mp.mpf(1)/6 if -3 < x < 3 else mp.mpf(0)),
 'softsign': (lambda x: x/(1 + abs(x)), lambda x: 1/(1 + abs(x))**2),
 'sin': (mp.sin, mp.cos),
 'cos': (mp.cos, lambda x: -mp.sin(x)),
 'exp': (mp.exp, mp.exp),
 'silu': (lambda x: x*sig(x), lambda x: sig(x)*(1 + x*sig(-x))),
 'gelu_erf': (lambda x: x*mp.ncdf(x), lambda x: mp.ncdf(x) + x*mp.npdf(x)),
}
xs = [-745.0, -700.0, -300.0, -40.0, -38.0, -20.0, -10.0, -5.0, -2.0, -1.0, -0.75, -0.5, -0.1, -1e-5, -1e-10, -1e-300,
      1e-300, 1e-10, 1e-5, 0.1, 0.5, 0.7499999999999999, 0.75, 1.0, 2.0, 5.0, 10.0, 19.0, 20.0, 38.0, 40.0, 300.0]
def cond(f, x, y):
    # relative condition number |x f'(x)/f(x)| by a high-precision central difference
    if y == 0 or x == 0: return 0.0
    h = abs(x)*mp.mpf(10)**-40
    d = (f(x+h)-f(x-h))/(2*h)
    return float(abs(x*d/y))
def dbl(v):
    r = repr(float(v)) if abs(v) < mp.mpf(2)**1024 else ('double.PositiveInfinity' if v > 0 else 'double.NegativeInfinity')
    return r
print("// name, x, rho(x), rho'(x), condition numbers of rho and rho' at x")
for name,(f,df) in fns.items():
    for x in xs:
        X = mp.mpf(x)
        v = f(X); d = df(X)
        print(f'        ("{name}", {x!r}, {dbl(v)}, {dbl(d)}, {cond(f,X,v):.3g}, {cond(df,X,d):.3g}),')
