// jstat ships no types; these are the few functions app/core/stats.ts uses.
declare module "jstat" {
  interface JStat {
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    /** Hypergeometric: k successes in n draws from a population of N holding m successes. */
    hypgeom: {
      pdf(k: number, N: number, m: number, n: number): number;
    };
    /** Spearman's rank correlation; tied values get their mean rank. */
    spearmancoeff(a: number[], b: number[]): number;
    /** ln Γ(x) */
    gammaln(x: number): number;
  }
  const jStat: JStat;
  export default jStat;
}
