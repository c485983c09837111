//! Geometry of the maturity radar, shared by the terminal chart and the report's SVG: one
//! axis per domain, clockwise from the top, and each score's point along its axis.

use std::f64::consts::{FRAC_PI_2, TAU};

/// The unit vector of axis `index` out of `count`, clockwise from twelve o'clock, in a
/// y-up coordinate system.
pub fn axis(index: usize, count: usize) -> (f64, f64) {
    let count = count.max(1) as f64;
    let angle = FRAC_PI_2 - TAU * index as f64 / count;
    (angle.cos(), angle.sin())
}

/// The polygon of `scores` on a scale whose top is `max`: a domain without a score sits at
/// the centre (it is drawn, not hidden, so the shape keeps one vertex per axis).
pub fn polygon(scores: &[Option<f64>], max: f64) -> Vec<(f64, f64)> {
    let count = scores.len();
    scores
        .iter()
        .enumerate()
        .map(|(index, score)| {
            let radius = if max > 0.0 {
                score.unwrap_or(0.0).clamp(0.0, max) / max
            } else {
                0.0
            };
            let (x, y) = axis(index, count);
            (x * radius, y * radius)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn axes_go_clockwise_from_the_top() {
        assert!(close(axis(0, 4), (0.0, 1.0)));
        assert!(close(axis(1, 4), (1.0, 0.0)));
        assert!(close(axis(2, 4), (0.0, -1.0)));
        assert!(close(axis(3, 4), (-1.0, 0.0)));
    }

    #[test]
    fn points_sit_at_score_over_max_along_their_axis() {
        let points = polygon(&[Some(4.0), Some(2.0), None, Some(1.0)], 4.0);
        assert!(close(points[0], (0.0, 1.0)));
        assert!(close(points[1], (0.5, 0.0)));
        assert!(close(points[2], (0.0, 0.0)));
        assert!(close(points[3], (-0.25, 0.0)));
    }
}
