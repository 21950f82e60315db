//! The registry: the twelve chapters in book order, one folder each. A chapter folder never imports
//! another chapter; what chapters share lives in `crate::chapter` (the vocabulary) and `crate::math`.

mod determinant;
mod eigendecomposition;
mod inverse;
mod multiplication;
mod norms;
mod pca;
mod pseudoinverse;
mod span;
mod special_matrices;
mod svd;
mod tensors;
mod trace;

pub use crate::chapter::ChapterInfo;

/// All twelve chapters in book order.
pub const CHAPTERS: [ChapterInfo; 12] = [
    ChapterInfo::of::<tensors::Tensors>(
        "2.1",
        "tensors",
        "Scalars, Vectors, Matrices and Tensors",
        "Shapes, the transpose, addition and broadcasting.",
    ),
    ChapterInfo::of::<multiplication::Multiplication>(
        "2.2",
        "multiplication",
        "Multiplying Matrices and Vectors",
        "A matrix maps vectors: the column picture, the row picture, and why AB ≠ BA.",
    ),
    ChapterInfo::of::<inverse::Inverse>("2.3", "inverse", "Identity and Inverse Matrices", "Undoing a transformation, and solving Ax = b."),
    ChapterInfo::of::<span::Span>("2.4", "span", "Linear Dependence and Span", "Which targets a set of vectors can reach."),
    ChapterInfo::of::<norms::Norms>("2.5", "norms", "Norms", "Ways to measure the length of a vector."),
    ChapterInfo::of::<special_matrices::SpecialMatrices>(
        "2.6",
        "special-matrices",
        "Special Kinds of Matrices and Vectors",
        "Diagonal, symmetric and orthogonal matrices.",
    ),
    ChapterInfo::of::<eigendecomposition::Eigendecomposition>(
        "2.7",
        "eigendecomposition",
        "Eigendecomposition",
        "Directions a matrix only scales.",
    ),
    ChapterInfo::of::<svd::SvdPage>(
        "2.8",
        "svd",
        "Singular Value Decomposition",
        "Every matrix: rotate or reflect, stretch, rotate or reflect.",
    ),
    ChapterInfo::of::<pseudoinverse::Pseudoinverse>(
        "2.9",
        "pseudoinverse",
        "The Moore-Penrose Pseudoinverse",
        "The best answer when there is no exact one.",
    ),
    ChapterInfo::of::<trace::Trace>("2.10", "trace", "The Trace Operator", "The sum of the diagonal, and why order cycles."),
    ChapterInfo::of::<determinant::Determinant>(
        "2.11",
        "determinant",
        "The Determinant",
        "How much a matrix scales area or volume, and whether it flips it.",
    ),
    ChapterInfo::of::<pca::Pca>("2.12", "pca", "Example: Principal Components Analysis", "The directions in which data varies most."),
];

/// The chapter with this slug, if the slug exists.
pub fn find(slug: &str) -> Option<&'static ChapterInfo> {
    CHAPTERS.iter().find(|c| c.slug == slug)
}

#[cfg(test)]
mod tests;
