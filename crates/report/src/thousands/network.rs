//! A small minimum-cost flow: successive shortest paths on integer capacities and costs, enough
//! for rounding a table of a few thousand cells.

use std::collections::VecDeque;

/// A flow network with integer capacities and costs.
pub(super) struct Network {
    /// Edges in pairs: an edge and its reverse.
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
    original: Vec<i64>,
    adjacent: Vec<Vec<usize>>,
}

impl Network {
    pub(super) fn new(nodes: usize) -> Network {
        Network {
            to: Vec::new(),
            cap: Vec::new(),
            cost: Vec::new(),
            original: Vec::new(),
            adjacent: vec![Vec::new(); nodes],
        }
    }

    pub(super) fn edge(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        let id = self.to.len();
        for (a, b, c, k) in [(from, to, cap, cost), (to, from, 0, -cost)] {
            self.to.push(b);
            self.cap.push(c);
            self.cost.push(k);
            self.original.push(c);
            self.adjacent[a].push(self.to.len() - 1);
        }
        id
    }

    pub(super) fn flow(&self, edge: usize) -> i64 {
        self.original[edge] - self.cap[edge]
    }

    /// Successive shortest paths (Bellman–Ford with a queue): the most flow from `s` to `t`
    /// at the least cost. The network starts without cycles, so it never has a negative one.
    pub(super) fn min_cost_flow(&mut self, s: usize, t: usize) -> i64 {
        let n = self.adjacent.len();
        let mut total = 0;
        loop {
            let mut dist = vec![i64::MAX; n];
            let mut via = vec![usize::MAX; n];
            let mut queued = vec![false; n];
            let mut queue = VecDeque::from([s]);
            dist[s] = 0;
            while let Some(u) = queue.pop_front() {
                queued[u] = false;
                for &e in &self.adjacent[u] {
                    let v = self.to[e];
                    if self.cap[e] > 0 && dist[u] + self.cost[e] < dist[v] {
                        dist[v] = dist[u] + self.cost[e];
                        via[v] = e;
                        if !queued[v] {
                            queued[v] = true;
                            queue.push_back(v);
                        }
                    }
                }
            }
            if dist[t] == i64::MAX {
                return total;
            }
            let mut push = i64::MAX;
            let mut v = t;
            while v != s {
                let e = via[v];
                push = push.min(self.cap[e]);
                v = self.to[e ^ 1];
            }
            let mut v = t;
            while v != s {
                let e = via[v];
                self.cap[e] -= push;
                self.cap[e ^ 1] += push;
                v = self.to[e ^ 1];
            }
            total += push;
        }
    }
}
