import numpy as np
rng=np.random.default_rng(1)
d=8
def fd(x,y):
    m1,m2=x.mean(0),y.mean(0); s1=np.cov(x,rowvar=False); s2=np.cov(y,rowvar=False)
    w,v=np.linalg.eigh(s1); a=(v*np.sqrt(np.clip(w,0,None)))@v.T
    lam=np.linalg.eigvalsh(a@s2@a)
    return ((m1-m2)**2).sum()+np.trace(s1)+np.trace(s2)-2*np.sqrt(np.clip(lam,0,None)).sum()
def true_fd(mu1,S1,mu2,S2):
    w,v=np.linalg.eigh(S1); a=(v*np.sqrt(w))@v.T
    return ((mu1-mu2)**2).sum()+np.trace(S1)+np.trace(S2)-2*np.sqrt(np.linalg.eigvalsh(a@S2@a)).sum()
A=rng.normal(size=(d,d))*0.3; S1=np.eye(d)+A@A.T; S2=S1*1.2; mu1=np.zeros(d); mu2=np.full(d,0.1)
T=true_fd(mu1,S1,mu2,S2)
L1=np.linalg.cholesky(S1); L2=np.linalg.cholesky(S2)
for n in [20,50,200]:
    cp=cb=0; trials=200; B=300; est=[]; width=[]
    for t in range(trials):
        x=rng.normal(size=(n,d))@L1.T+mu1; y=rng.normal(size=(n,d))@L2.T+mu2
        f=fd(x,y); est.append(f)
        bs=[]
        for b in range(B):
            i=rng.integers(0,n,n); bs.append(fd(x[i],y[i]))
        lo,hi=np.percentile(bs,[2.5,97.5])
        cp+= lo<=T<=hi; cb+= 2*f-hi<=T<=2*f-lo
    print(f"n={n} true FD={T:.3f} mean estimate={np.mean(est):.3f} percentile coverage={cp/trials:.2f} basic coverage={cb/trials:.2f}")
