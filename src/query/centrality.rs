//! Centralities on the undirected simple fact graph, computed as networkx computes them
//! (petgraph has no betweenness, and its PageRank is O(n·V²·E)); tests compare the values
//! with networkx's on the sample graph.

use std::collections::VecDeque;

/// Degree: number of distinct neighbours.
pub fn degree(adj: &[Vec<usize>]) -> Vec<f64> {
    adj.iter().map(|a| a.len() as f64).collect()
}

/// Brandes betweenness, normalised like networkx for undirected graphs:
/// raw pair counts (each pair seen from both ends) divided by (n-1)(n-2).
pub fn betweenness(adj: &[Vec<usize>]) -> Vec<f64> {
    let n = adj.len();
    let mut cb = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![-1i64; n];
    let mut delta = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut stack = Vec::with_capacity(n);
    let mut queue = VecDeque::with_capacity(n);
    for s in 0..n {
        for v in 0..n {
            preds[v].clear();
            sigma[v] = 0.0;
            dist[v] = -1;
            delta[v] = 0.0;
        }
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &adj[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for c in &mut cb {
            *c *= scale;
        }
    }
    cb
}

/// PageRank as networkx: alpha 0.85, uniform start and teleport, dangling mass spread
/// uniformly, stop when the L1 change is below n·1e-6 (at most 100 iterations).
pub fn pagerank(adj: &[Vec<usize>]) -> Vec<f64> {
    const ALPHA: f64 = 0.85;
    const TOL: f64 = 1e-6;
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let uniform = 1.0 / n as f64;
    let mut x = vec![uniform; n];
    for _ in 0..100 {
        let last = x.clone();
        let dangling: f64 = (0..n).filter(|&v| adj[v].is_empty()).map(|v| last[v]).sum();
        let base = (1.0 - ALPHA) * uniform + ALPHA * dangling * uniform;
        x.iter_mut().for_each(|v| *v = base);
        for v in 0..n {
            if adj[v].is_empty() {
                continue;
            }
            let share = ALPHA * last[v] / adj[v].len() as f64;
            for &w in &adj[v] {
                x[w] += share;
            }
        }
        let err: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
        if err < n as f64 * TOL {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_graph_values() {
        // 0 - 1 - 2: the middle node lies on the only path between the ends
        let adj = vec![vec![1], vec![0, 2], vec![1]];
        assert_eq!(degree(&adj), vec![1.0, 2.0, 1.0]);
        assert_eq!(betweenness(&adj), vec![0.0, 1.0, 0.0]);
        let pr = pagerank(&adj);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pr[1] > pr[0] && (pr[0] - pr[2]).abs() < 1e-12);
    }
}
