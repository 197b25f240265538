# High-precision references for ActivationOperatorTests (mpmath 1.3.0, 120 significant digits).
# Run: python3 ActivationReferences.py ; paste the printed rows into ActivationOperatorTests.References.
import mpmath as mp
mp.mp.dps = 120
sig = lambda x: 1/(1+mp.exp(-x))
K = mp.sqrt(2/mp.pi); C = mp.mpf('0.044715')
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
}
xs = [-745.0, -700.0, -300.0, -40.0, -38.0, -20.0, -10.0, -5.0, -2.0, -1.0, -0.75, -0.5, -0.1, -1e-5, -1e-10, -1e-300,
      1e-300, 1e-10, 1e-5, 0.1, 0.5, 0.7499999999999999, 0.75, 1.0, 2.0, 5.0, 10.0, 19.0, 20.0, 38.0, 40.0, 300.0]
def cond(f, x, y):
    # relative condition number |x f'(x)/f(x)| by a high-precision central difference
    if y == 0 or x == 0: return 0.0
    h = abs(x)*mp.mpf(10)**-40
    d = (f(x+h)-f(x-h))/(2*h)
    return float(abs(x*d/y))
print("// name, x, rho(x), rho'(x), condition numbers of rho and rho' at x")
for name,(f,df) in fns.items():
    for x in xs:
        X = mp.mpf(x)
        v = f(X); d = df(X)
        print(f'        ("{name}", {x!r}, {float(v)!r}, {float(d)!r}, {cond(f,X,v):.3g}, {cond(df,X,d):.3g}),')
